package org.openml.auth.jdbc;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openml.auth.testkit.contract.OneTimeTokenStoreContract;
import org.openml.auth.testkit.contract.PasskeyStoreContract;
import org.openml.auth.testkit.contract.Stores;

/** The Next.js app's token and passkey tables on MariaDB: adopted in place, and held to the stores' contracts. */
class MysqlNextjsTablesTest extends NextjsTablesScenario {
    @RegisterExtension
    static final ScratchMysqlDatabase.PerClass mysql = ScratchMysqlDatabase.perClassWithLegacySchema(NextjsFixture::addTo);

    @Override
    JdbcStores stores() {
        return mysql.freshStores();
    }

    @Override
    JdbcStores reopen() {
        return JdbcStores.mysql(mysql.db().config());
    }

    @Override
    int update(String sql, Object... args) {
        return mysql.db().update(sql, args);
    }

    @Override
    List<Map<String, Object>> rows(String sql, Object... args) {
        return mysql.db().rows(sql, args);
    }

    /** The test connection writes in the JVM's zone; the stores read UTC: give the UTC wall time as text. */
    @Override
    Object nextjsTime(Instant at) {
        return Timestamp.from(at).toInstant().atOffset(java.time.ZoneOffset.UTC).toLocalDateTime().toString().replace('T', ' ');
    }

    @Nested
    class Passkeys extends PasskeyStoreContract {
        @Override
        protected java.time.temporal.ChronoUnit timePrecision() {
            return java.time.temporal.ChronoUnit.SECONDS; // the Next.js table's TIMESTAMP columns
        }

        @Override
        protected PasskeyStores newStores() {
            JdbcStores stores = mysql.freshStores();
            return new PasskeyStores(stores.users(), stores.passkeys());
        }
    }

    @Nested
    class ConfirmationTokens extends OneTimeTokenStoreContract {
        @Override
        protected Stores newStores() {
            JdbcStores stores = mysql.freshStores();
            return new Stores(stores.users(), stores.confirmationTokens());
        }

        @Override
        protected boolean keepsUsedTokens() {
            return false;
        }
    }

    @Nested
    class ResetTokens extends OneTimeTokenStoreContract {
        @Override
        protected Stores newStores() {
            JdbcStores stores = mysql.freshStores();
            return new Stores(stores.users(), stores.resetTokens());
        }

        @Override
        protected boolean keepsUsedTokens() {
            return true;
        }
    }
}
