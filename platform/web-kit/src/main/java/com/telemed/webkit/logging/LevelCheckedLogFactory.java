package com.telemed.webkit.logging;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.commons.logging.impl.Slf4jLogFactory;

/**
 * Commons Logging to SLF4J, checking the level before a message is turned into text.
 * <p>
 * Spring's own code logs through Commons Logging, often with lazily formatted messages
 * ({@code logger.debug(LogMessage.format("Trying to match using %s", matcher))}), counting on the message not
 * being built when the level is off. Commons Logging's SLF4J bridge calls {@code String.valueOf(message)} before
 * SLF4J checks the level, so every such debug line was formatted and thrown away: in the gateway, Spring
 * Security's matchers printed the whole matcher tree on every request. Here each call asks SLF4J for the level
 * first. Found with {@code deploy/bench/jfr-top.py}; registered through
 * {@code META-INF/services/org.apache.commons.logging.LogFactory}, which Commons Logging consults first.
 */
public final class LevelCheckedLogFactory extends LogFactory {

    private final Slf4jLogFactory slf4j = new Slf4jLogFactory();
    private final ConcurrentMap<String, Log> logs = new ConcurrentHashMap<>();

    @Override
    public Log getInstance(Class<?> type) {
        return getInstance(type.getName());
    }

    @Override
    public Log getInstance(String name) {
        return logs.computeIfAbsent(name, key -> new LevelCheckedLog(slf4j.getInstance(key)));
    }

    @Override
    public Object getAttribute(String name) {
        return slf4j.getAttribute(name);
    }

    @Override
    public String[] getAttributeNames() {
        return slf4j.getAttributeNames();
    }

    @Override
    public void release() {
        logs.clear();
        slf4j.release();
    }

    @Override
    public void removeAttribute(String name) {
        slf4j.removeAttribute(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        slf4j.setAttribute(name, value);
    }
}
