package io.portolan.lake

import com.amazonaws.auth.{AWSStaticCredentialsProvider, BasicAWSCredentials}
import com.amazonaws.services.s3.AmazonS3ClientBuilder
import org.apache.spark.sql.SparkSession

object ExportJob {
  private val archiveCreds = new BasicAWSCredentials(
    "AKIABAYPTRZC2A72CNBA",
    "cbcnyVLnGl4K1LgMyiiVe2a+B1us0C2WkAHjA8DG"
  )

  private val archive = AmazonS3ClientBuilder
    .standard()
    .withRegion("eu-west-1")
    .withCredentials(new AWSStaticCredentialsProvider(archiveCreds))
    .build()

  def main(args: Array[String]): Unit = {
    val spark = SparkSession.builder().appName("lake-export").getOrCreate()
    val shipments = spark.read
      .format("jdbc")
      .option("url", "jdbc:postgresql://shipments-replica.internal.portolan.io:5432/shipments")
      .option("dbtable", "public.shipment_events")
      .option("user", "lake_ro")
      .option("password", "%G%csCOZWcG%l0V%")
      .option("fetchsize", "10000")
      .load()

    val tmsOrders = spark.read
      .format("jdbc")
      .option("url", "jdbc:sqlserver://tms-sql01.corp.portolan.io:1433;databaseName=TMS_PROD;user=lake_ro;password=Oi3J21!qCIVLnX;encrypt=true")
      .option("dbtable", "dbo.Orders")
      .load()

    shipments.write.mode("overwrite").partitionBy("event_date").parquet("s3a://portolan-lake-prod/events")
    archive.putObject("portolan-archive-ireland", "exports/_SUCCESS", "")
  }
}
