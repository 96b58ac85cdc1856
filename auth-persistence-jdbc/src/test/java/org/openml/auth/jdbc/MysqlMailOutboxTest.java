package org.openml.auth.jdbc;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openml.auth.core.port.out.MailOutbox;
import org.openml.auth.testkit.contract.MailOutboxContract;

/** The outbox contract on a real MySQL/MariaDB database with OpenML's legacy schema. */
class MysqlMailOutboxTest extends MailOutboxContract {
    @RegisterExtension
    static final ScratchMysqlDatabase.PerClass mysql = ScratchMysqlDatabase.perClassWithLegacySchema();

    @BeforeEach
    void empty() {
        mysql.freshStores(); // makes the tables on the first test
        mysql.db().update("DELETE FROM mail_outbox");
    }

    /** Every call opens another pool on the same database, as a second server would. */
    @Override
    protected MailOutbox newStore() {
        return mysql.freshStores().mailOutbox();
    }
}
