package org.openml.auth.jdbc;

/**
 * The outcome of preparing the schema: the report for people, the {@code users} layout for the
 * stores, and which of the Next.js app's tables they work on in place.
 */
record Schema(SchemaReport report, UsersTable users, NextjsTables nextjs) {}
