ThisBuild / scalaVersion := "2.13.12"
ThisBuild / organization := "games.bluefinch"

credentials += Credentials("Sonatype Nexus Repository Manager", "nexus.bluefinch.internal",
  "deployer", "OfVZshdE_IofCyOrCrt*88")
credentials += Credentials(Path.userHome / ".sbt" / ".credentials")

libraryDependencies ++= Seq(
  "org.apache.spark" %% "spark-sql" % "3.5.1" % Provided,
  "net.snowflake" %% "spark-snowflake" % "2.15.0-spark_3.4"
)
