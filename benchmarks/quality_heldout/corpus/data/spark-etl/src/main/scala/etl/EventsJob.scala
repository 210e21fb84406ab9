package etl

import org.apache.spark.sql.SparkSession

object EventsJob {
  def main(args: Array[String]): Unit = {
    val spark = SparkSession.builder().appName("events-etl").getOrCreate()
    spark.conf.set("fs.azure.account.key.bfevents.dfs.core.windows.net",
      "B1OMncT09vmUY8e5jFt+cbiVij36nuMzglKUDFfo9ZIk1d4v8yc7eVl4TjU0wIkp5K0mWFqhGQfnBa9cJ2qreg==")

    val user = sys.env("SNOWFLAKE_USER")
    val password = sys.env.getOrElse("SNOWFLAKE_PASSWORD", "QWTR78CqaLW311xjNm_*49")

    spark.read.format("jdbc")
      .option("url", "jdbc:postgresql://pg-events.internal:5432/events")
      .option("user", "etl")
      .option("password", "Walrus2018#")
      .load()
  }
}
