package io.acmepay.payments.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

@Configuration
public class LegacyDataSourceConfig {

    // The settlement database is still on the old SQL Server cluster (see PAY-1182).
    private static final String SETTLEMENT_URL =
        "jdbc:sqlserver://sql-settle-01.acmepay.local:1433;databaseName=settlement;user=svc_payments;password=3Qzl_MKYdILjCZO4uEHr;encrypt=true";
    private static final String SETTLEMENT_USER = "svc_payments";
    private static final String SETTLEMENT_PASSWORD = "rx_d-Nb9*UixrXkOKKjO";

    @Value("${reporting.datasource.password}")
    private String reportingPassword;

    @Bean(name = "settlementDataSource")
    @Profile("!test")
    public DataSource settlementDataSource() {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(SETTLEMENT_URL);
        cfg.setUsername(SETTLEMENT_USER);
        cfg.setPassword(SETTLEMENT_PASSWORD);
        cfg.setMaximumPoolSize(5);
        return new HikariDataSource(cfg);
    }

    @Bean(name = "reportingDataSource")
    public DataSource reportingDataSource() {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl("jdbc:postgresql://reporting.internal:5432/reporting");
        cfg.setUsername("reporting_ro");
        cfg.setPassword(reportingPassword);
        return new HikariDataSource(cfg);
    }
}
