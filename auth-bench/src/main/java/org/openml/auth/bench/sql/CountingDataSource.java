package org.openml.auth.bench.sql;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that counts the SQL statements run through it, as reads ({@code SELECT},
 * {@code PRAGMA}) and writes ({@code INSERT}, {@code UPDATE}, {@code DELETE}, {@code REPLACE});
 * transaction control and session settings are counted apart. For the statement-count benchmark:
 * it adds a proxy call per JDBC call, so its timings mean nothing.
 */
public final class CountingDataSource {
    /** Counters since the last {@link #reset()}. */
    public static final class Counts {
        final LongAdder reads = new LongAdder();
        final LongAdder writes = new LongAdder();
        final LongAdder other = new LongAdder();

        public long reads() {
            return reads.sum();
        }

        public long writes() {
            return writes.sum();
        }

        public long other() {
            return other.sum();
        }

        public void reset() {
            reads.reset();
            writes.reset();
            other.reset();
        }

        void count(String sql) {
            String s = sql == null ? "" : sql.stripLeading().toUpperCase(Locale.ROOT);
            if (s.startsWith("SELECT") || s.startsWith("PRAGMA") || s.startsWith("WITH") || s.startsWith("SHOW")) reads.increment();
            else if (s.startsWith("INSERT") || s.startsWith("UPDATE") || s.startsWith("DELETE") || s.startsWith("REPLACE")) {
                writes.increment();
            } else other.increment();
        }
    }

    private CountingDataSource() {}

    /** {@code target} with every statement counted into {@code counts}. */
    public static DataSource wrap(DataSource target, Counts counts) {
        return proxy(DataSource.class, target, (method, result, args) -> method.getName().equals("getConnection")
                ? connection((Connection) result, counts) : result);
    }

    private static Connection connection(Connection target, Counts counts) {
        return proxy(Connection.class, target, (method, result, args) -> {
            if (method.getName().equals("prepareStatement") && result instanceof PreparedStatement p) {
                String sql = (String) args[0];
                return proxy(PreparedStatement.class, p, (m, r, a) -> {
                    if (m.getName().startsWith("execute") && (a == null || a.length == 0)) counts.count(sql);
                    return r;
                });
            }
            if (method.getName().equals("createStatement") && result instanceof Statement s) {
                return proxy(Statement.class, s, (m, r, a) -> {
                    if (m.getName().startsWith("execute") && a != null && a.length > 0 && a[0] instanceof String sql) counts.count(sql);
                    return r;
                });
            }
            return result;
        });
    }

    private interface After {
        Object apply(Method method, Object result, Object[] args) throws Exception;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, After after) {
        InvocationHandler handler = (self, method, args) -> {
            // Drivers and pools ask to unwrap to their own classes: give them the real object.
            if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
                return method.invoke(target, args);
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return after.apply(method, result, args);
        };
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
