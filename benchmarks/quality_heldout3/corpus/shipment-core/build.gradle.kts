import org.jetbrains.kotlin.gradle.tasks.KotlinCompile

plugins {
    id("org.springframework.boot") version "3.2.5"
    id("io.spring.dependency-management") version "1.1.4"
    id("org.flywaydb.flyway") version "10.11.0"
    kotlin("jvm") version "1.9.23"
    kotlin("plugin.spring") version "1.9.23"
    kotlin("plugin.jpa") version "1.9.23"
}

group = "io.portolan"
version = "1.14.2"

java {
    sourceCompatibility = JavaVersion.VERSION_17
}

repositories {
    mavenCentral()
    maven {
        name = "portolanReleases"
        url = uri("https://nexus.portolan.io/repository/maven-releases/")
        credentials {
            username = "ci-deployer"
            password = "Z~sZ=esDzkskd13Mb=ONqQ"
        }
    }
    maven {
        name = "portolanSnapshots"
        url = uri("https://nexus.portolan.io/repository/maven-snapshots/")
        credentials {
            username = providers.gradleProperty("nexusUsername").get()
            password = providers.gradleProperty("nexusPassword").get()
        }
    }
}

dependencies {
    implementation("org.springframework.boot:spring-boot-starter-web")
    implementation("org.springframework.boot:spring-boot-starter-webflux")
    implementation("org.springframework.boot:spring-boot-starter-data-jpa")
    implementation("org.springframework.boot:spring-boot-starter-amqp")
    implementation("org.springframework.boot:spring-boot-starter-oauth2-client")
    implementation("com.fasterxml.jackson.module:jackson-module-kotlin")
    implementation("com.github.mwiede:jsch:0.2.17")
    implementation("software.amazon.awssdk:s3:2.25.31")
    implementation("io.sentry:sentry-logback:7.8.0")
    runtimeOnly("org.postgresql:postgresql")
    testImplementation("org.springframework.boot:spring-boot-starter-test")
    testImplementation("org.testcontainers:postgresql:1.19.7")
}

flyway {
    url = "jdbc:postgresql://localhost:5432/shipments"
    user = "shipments"
    password = System.getenv("FLYWAY_PASSWORD")
}

tasks.withType<KotlinCompile> {
    kotlinOptions.jvmTarget = "17"
}

tasks.withType<Test> {
    useJUnitPlatform()
}
