package org.openml.auth.core.archfixture;

import java.sql.Connection;
import java.sql.SQLException;

/** Deliberately breaks the rule "no SQL in the core" so ArchitectureTest can prove the rule bites. Test-only. */
public final class CoreClassUsingJdbc {
    private CoreClassUsingJdbc() {}

    public static boolean isOpen(Connection connection) throws SQLException {
        return !connection.isClosed();
    }
}
