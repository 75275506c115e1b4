package io.apay.common.test;

/** The schema (null without a database) and prefixes one test class's context runs with (bean {@code apayTestInfra}). */
public record TestInfra(String schema, String redisPrefix, String mqPrefix) {
}
