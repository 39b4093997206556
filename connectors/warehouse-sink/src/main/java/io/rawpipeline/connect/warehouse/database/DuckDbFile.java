package io.rawpipeline.connect.warehouse.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.duckdb.DuckDBConnection;

/**
 * One DuckDB file opened once per JVM (per plugin class loader) and shared by the tasks that write to it. DuckDB
 * lets only one process open a file for writing; inside it, every task connects through {@link #connect()} (a
 * {@link DuckDBConnection#duplicate() duplicate} of the one connection, so all see one database instance and its
 * committed writes at once), and the last task to let go closes the file.
 *
 * <p>Writes are serialized: DuckDB's optimistic concurrency aborts one of two transactions that touch the same
 * catalog entry (two tasks adding a column, or creating a table) or the same key, which would make every put a
 * retry loop. The tasks still map and encode their records in parallel; only the transaction waits its turn.
 */
public final class DuckDbFile implements AutoCloseable {

    private static final Map<Path, DuckDbFile> OPEN = new HashMap<>();
    /**
     * How much write-ahead log DuckDB gathers before it checkpoints into the file. Its default (16 MB) is two or three
     * puts of RAW rows, and checkpoints then took a third of the sink's time; the file is checkpointed on close too.
     */
    private static final String CHECKPOINT_THRESHOLD = "1GB";

    private final Path path;
    private final DuckDBConnection database;
    private final ReentrantLock writes = new ReentrantLock();
    private int users;

    /** Work done inside a write transaction. */
    @FunctionalInterface
    public interface Transaction {
        void run(Connection connection) throws SQLException;
    }

    private DuckDbFile(Path path, DuckDBConnection database) {
        this.path = path;
        this.database = database;
    }

    /** Opens the file, or shares it if this JVM has it open already. Each open needs its {@link #close()}. */
    public static DuckDbFile open(Path path) throws SQLException {
        Path key = path.toAbsolutePath().normalize();
        synchronized (OPEN) {
            DuckDbFile file = OPEN.get(key);
            if (file == null) {
                DuckDBConnection database = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + key);
                // a setting of the database, not of the connection: a reader in this JVM may still connect
                try (Statement statement = database.createStatement()) {
                    statement.execute("SET GLOBAL checkpoint_threshold = '" + CHECKPOINT_THRESHOLD + "'");
                } catch (SQLException e) {
                    database.close();
                    throw e;
                }
                file = new DuckDbFile(key, database);
                OPEN.put(key, file);
            }
            file.users++;
            return file;
        }
    }

    /** A connection of the caller's own (DuckDB connections are not thread-safe); close it before the file. */
    public Connection connect() throws SQLException {
        return database.duplicate();
    }

    /** Runs the work in one transaction on the caller's connection, one writer at a time: all of it or none. */
    public void write(Connection connection, Transaction work) throws SQLException {
        writes.lock();
        try {
            connection.setAutoCommit(false);
            try {
                work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } finally {
            writes.unlock();
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() throws SQLException {
        synchronized (OPEN) {
            if (--users > 0) {
                return;
            }
            OPEN.remove(path);
            database.close(); // DuckDB checkpoints the file when its last connection closes
        }
    }
}
