plugins {
    kotlin("jvm") version "1.9.23"
    id("org.springframework.boot") version "3.2.5"
}

repositories {
    mavenCentral()
    maven {
        url = uri("https://nexus.bluefinch.internal/repository/maven-releases/")
        credentials {
            username = "deployer"
            password = "TkTQgYjS-baT6J-NK5JR__52"
        }
    }
    maven {
        url = uri("https://nexus.bluefinch.internal/repository/maven-snapshots/")
        credentials {
            username = providers.gradleProperty("nexusUser").get()
            password = System.getenv("NEXUS_PASSWORD")
        }
    }
}
