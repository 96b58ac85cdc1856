package org.openml.auth.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openml.auth.core.domain.OneTimeToken;
import org.openml.auth.core.domain.User;

/**
 * Many registrations at once on the legacy schema, more threads than connections: none fails
 * (no deadlock between the token tables' delete-then-insert, no lost membership row).
 */
class MysqlConcurrencyTest {
    private static final int THREADS = 16;
    private static final int PER_THREAD = 25;
    @RegisterExtension
    static final ScratchMysqlDatabase.PerClass mysql = ScratchMysqlDatabase.perClassWithLegacySchema();

    @Test
    void sixteenThreadsRegisteringAtOnceAllSucceed() throws Exception {
        ScratchMysqlDatabase db = mysql.db();
        try (JdbcStores stores = mysql.freshStores()) {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    results.add(pool.submit(() -> {
                        go.await();
                        for (int i = 0; i < PER_THREAD; i++) {
                            int n = thread * PER_THREAD + i;
                            // A registration as the use case does it: create, issue a token, read back, reset.
                            User user = Users.create(stores.users(), Users.numbered(n));
                            Instant now = Instant.now();
                            stores.confirmationTokens().issue(user.id(),
                                    new OneTimeToken(String.format("%064x", n + 1)).hash(), now, now.plusSeconds(3600));
                            stores.resetTokens().issue(user.id(),
                                    new OneTimeToken(String.format("%064x", n + 100_000)).hash(), now, now.plusSeconds(3600));
                            assertThat(stores.users().findByEmail(user.email())).contains(user);
                        }
                        return PER_THREAD;
                    }));
                }
                go.countDown();
                int done = 0;
                for (Future<Integer> result : results) done += result.get(120, TimeUnit.SECONDS);
                assertThat(done).isEqualTo(THREADS * PER_THREAD);
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(db.count("SELECT COUNT(*) FROM users")).isEqualTo(THREADS * PER_THREAD);
        assertThat(db.count("SELECT COUNT(DISTINCT user_id) FROM users_groups WHERE group_id = 2")).isEqualTo(THREADS * PER_THREAD);
        assertThat(db.count("SELECT COUNT(*) FROM email_confirmation_token")).isEqualTo(THREADS * PER_THREAD);
        assertThat(db.count("SELECT COUNT(*) FROM password_reset_token")).isEqualTo(THREADS * PER_THREAD);
    }
}
