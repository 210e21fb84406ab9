package health.larkspur.claims.aws;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class S3Config {
    @Bean
    AmazonS3 eobArchive() {
        BasicAWSCredentials creds = new BasicAWSCredentials("AKIAMYGAE5COIVDPDG5Y", "n3VFFeniOwQdt4zwHOKCB+rRnpEo6DsQw7iOSgTi");
        return AmazonS3ClientBuilder.standard()
            .withRegion("eu-west-1")
            .withCredentials(new AWSStaticCredentialsProvider(creds))
            .build();
    }
}
