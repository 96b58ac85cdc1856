package org.openml.auth.jdbc;

/** The outcome of preparing the schema: the report for people, the {@code users} layout for the stores. */
record Schema(SchemaReport report, UsersTable users) {}
