package org.openml.auth.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openml.auth.core.domain.User;
import org.openml.auth.core.port.out.AccountUploads;

/** OpenML's deletion rule on the database: an account owns uploads when an upload table names it. */
class AccountUploadsTest {
    @TempDir
    Path dir;

    @Test
    void aDatabaseWithoutUploadTablesCountsNone() {
        try (JdbcStores stores = JdbcStores.sqlite(dir.resolve("auth.db"))) {
            User user = Users.create(stores.users(), Users.numbered(1));

            assertThat(stores.uploads(JdbcStores.OPENML_UPLOAD_COLUMNS).hasUploads(user.id())).isFalse();
        }
    }

    @Test
    void anAccountNamedInAnyUploadTableHasUploadsOnSqlite() throws Exception {
        Path file = dir.resolve("auth.db");
        try (JdbcStores stores = JdbcStores.sqlite(file)) {
            User uploader = Users.create(stores.users(), Users.numbered(1));
            User creator = Users.create(stores.users(), Users.numbered(2));
            User nobody = Users.create(stores.users(), Users.numbered(3));
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE dataset (did INTEGER PRIMARY KEY, uploader INTEGER NOT NULL)");
                s.execute("CREATE TABLE study (id INTEGER PRIMARY KEY, creator INTEGER NOT NULL)");
                s.execute("INSERT INTO dataset (uploader) VALUES (" + uploader.id().value() + ")");
                s.execute("INSERT INTO study (creator) VALUES (" + creator.id().value() + ")");
            }
            AccountUploads uploads = stores.uploads(JdbcStores.OPENML_UPLOAD_COLUMNS);

            assertThat(uploads.hasUploads(uploader.id())).isTrue();
            assertThat(uploads.hasUploads(creator.id())).isTrue();
            assertThat(uploads.hasUploads(nobody.id())).isFalse();
        }
    }

    @Test
    void openmlsExperimentDatabaseBesideTheUserDatabaseIsLookedIntoOnMariaDb() throws Exception {
        try (ScratchMysqlDatabase db = ScratchMysqlDatabase.createWithLegacySchema()) {
            String expdb = db.name() + "_expdb";
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE `" + expdb + "`");
                s.execute("CREATE TABLE `" + expdb + "`.run (rid INT PRIMARY KEY AUTO_INCREMENT, uploader MEDIUMINT UNSIGNED NOT NULL)");
                s.execute("CREATE TABLE `" + expdb + "`.task (task_id INT PRIMARY KEY AUTO_INCREMENT, creator INT NOT NULL)");
            }
            try (JdbcStores stores = JdbcStores.mysql(db.config())) {
                User runner = Users.create(stores.users(), Users.numbered(1));
                User tasker = Users.create(stores.users(), Users.numbered(2));
                User nobody = Users.create(stores.users(), Users.numbered(3));
                try (Connection c = db.connect(); Statement s = c.createStatement()) {
                    s.execute("INSERT INTO `" + expdb + "`.run (uploader) VALUES (" + runner.id().value() + ")");
                    s.execute("INSERT INTO `" + expdb + "`.task (creator) VALUES (" + tasker.id().value() + ")");
                }
                AccountUploads uploads = stores.uploads(JdbcStores.OPENML_UPLOAD_COLUMNS.stream().map(c -> expdb + "." + c).toList());
                AccountUploads sameDatabase = stores.uploads(JdbcStores.OPENML_UPLOAD_COLUMNS);

                assertThat(uploads.hasUploads(runner.id())).isTrue();
                assertThat(uploads.hasUploads(tasker.id())).isTrue();
                assertThat(uploads.hasUploads(nobody.id())).isFalse();
                assertThat(sameDatabase.hasUploads(runner.id())).as("no upload tables in the user database").isFalse();
            } finally {
                try (Connection c = db.connect(); Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS `" + expdb + "`");
                }
            }
        }
    }

    @Test
    void anEntryThatIsNotAColumnNameIsRefusedWithItsText() {
        try (JdbcStores stores = JdbcStores.sqlite(dir.resolve("auth.db"))) {
            assertThatThrownBy(() -> stores.uploads(List.of("dataset.uploader", "run; DROP TABLE users")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("run; DROP TABLE users");
            assertThatThrownBy(() -> stores.uploads(List.of("uploader")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("table.column");
        }
    }
}
