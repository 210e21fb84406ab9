ThisBuild / scalaVersion := "3.4.2"
ThisBuild / organization := "io.quillmint"

ThisBuild / resolvers += "Quillmint Artifactory" at "https://artifactory.quillmint.io/artifactory/sbt-release"
ThisBuild / credentials += Credentials(Path.userHome / ".sbt" / ".credentials")
// CI publisher: remove once the OIDC exchange works
ThisBuild / credentials += Credentials("Artifactory Realm", "artifactory.quillmint.io", "ci-publisher", "JDFB5DvQO_IT13oIK5aPx51c")

lazy val root = (project in file("."))
  .enablePlugins(PlayScala)
  .settings(name := "fx-engine")
