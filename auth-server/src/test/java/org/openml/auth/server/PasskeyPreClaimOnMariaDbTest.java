package org.openml.auth.server;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openml.auth.jdbc.ScratchMysqlDatabase;

/** The passkey pre-claim takeover, closed, on MariaDB with OpenML's legacy schema. */
class PasskeyPreClaimOnMariaDbTest extends PasskeyPreClaimScenario {
    @RegisterExtension
    static final ScratchMysqlDatabase.PerClass mysql = ScratchMysqlDatabase.perClassWithLegacySchema();

    @Override
    Map<String, String> env(int port) {
        return MysqlNodes.env(mysql.db().config(), port);
    }

    @BeforeEach
    void emptyAccounts() {
        mysql.db().deleteAccounts();
    }

    @Override
    String storedPassword(String email) {
        return mysql.db().strings("SELECT password FROM users WHERE email = '" + email + "'").get(0);
    }

    @Override
    long unprovenRows(String email) {
        return mysql.db().count("SELECT COUNT(*) FROM unproven_email p JOIN users u ON u.id = p.user_id WHERE u.email = '"
                + email + "'");
    }
}
