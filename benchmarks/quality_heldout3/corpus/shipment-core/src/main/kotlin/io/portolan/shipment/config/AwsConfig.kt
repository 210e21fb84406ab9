package io.portolan.shipment.config

import org.springframework.context.annotation.Bean
import org.springframework.context.annotation.Configuration
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider
import software.amazon.awssdk.regions.Region
import software.amazon.awssdk.services.s3.S3Client

@Configuration
class AwsConfig {

    // TODO(OPS-412): switch to IRSA once shipment-core runs on EKS
    private val credentials = AwsBasicCredentials.create(
        "AKIAY3KELYSITXJZQ7MU",
        "GlXIjlVm0z5cfV7nQEGxGdhDxtvWzk8o3vYfcQZW",
    )

    @Bean
    fun s3(): S3Client = S3Client.builder()
        .region(Region.EU_CENTRAL_1)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .build()
}
