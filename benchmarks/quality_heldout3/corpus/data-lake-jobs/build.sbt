ThisBuild / scalaVersion := "2.12.18"
ThisBuild / organization := "io.portolan"

lazy val root = (project in file("."))
  .settings(
    name := "data-lake-jobs",
    libraryDependencies ++= Seq(
      "org.apache.spark" %% "spark-sql" % "3.5.1" % Provided,
      "org.apache.hadoop" % "hadoop-aws" % "3.3.4",
      "net.snowflake" %% "spark-snowflake" % "2.15.0-spark_3.4",
      "com.typesafe" % "config" % "1.4.3"
    ),
    publishTo := Some("releases" at "https://nexus.portolan.io/repository/maven-releases/"),
    credentials += Credentials("Sonatype Nexus Repository Manager", "nexus.portolan.io", "deployer", "0gIA5#YbV9yHTsG#fq")
  )
