package io.acmepay.ledger;

import java.net.PasswordAuthentication;
import java.sql.Connection;
import java.sql.DriverManager;

class Notify {
    Connection connect() throws Exception {
        return DriverManager.getConnection("jdbc:mysql://db.internal/ledger", "ledger", "jDLCbWT9..ZlmqbC");
    }

    PasswordAuthentication proxyAuth() {
        return new PasswordAuthentication("proxyuser", "x0nouA!t6fw%+lmo498Kmu".toCharArray());
    }
}
