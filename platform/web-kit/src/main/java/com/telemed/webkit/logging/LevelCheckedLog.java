package com.telemed.webkit.logging;

import org.apache.commons.logging.Log;

/** A Commons Logging {@link Log} that passes a message on only when its level is enabled. */
record LevelCheckedLog(Log delegate) implements Log {

    @Override
    public void trace(Object message) {
        if (delegate.isTraceEnabled()) {
            delegate.trace(message);
        }
    }

    @Override
    public void trace(Object message, Throwable t) {
        if (delegate.isTraceEnabled()) {
            delegate.trace(message, t);
        }
    }

    @Override
    public void debug(Object message) {
        if (delegate.isDebugEnabled()) {
            delegate.debug(message);
        }
    }

    @Override
    public void debug(Object message, Throwable t) {
        if (delegate.isDebugEnabled()) {
            delegate.debug(message, t);
        }
    }

    @Override
    public void info(Object message) {
        if (delegate.isInfoEnabled()) {
            delegate.info(message);
        }
    }

    @Override
    public void info(Object message, Throwable t) {
        if (delegate.isInfoEnabled()) {
            delegate.info(message, t);
        }
    }

    @Override
    public void warn(Object message) {
        if (delegate.isWarnEnabled()) {
            delegate.warn(message);
        }
    }

    @Override
    public void warn(Object message, Throwable t) {
        if (delegate.isWarnEnabled()) {
            delegate.warn(message, t);
        }
    }

    @Override
    public void error(Object message) {
        if (delegate.isErrorEnabled()) {
            delegate.error(message);
        }
    }

    @Override
    public void error(Object message, Throwable t) {
        if (delegate.isErrorEnabled()) {
            delegate.error(message, t);
        }
    }

    @Override
    public void fatal(Object message) {
        if (delegate.isFatalEnabled()) {
            delegate.fatal(message);
        }
    }

    @Override
    public void fatal(Object message, Throwable t) {
        if (delegate.isFatalEnabled()) {
            delegate.fatal(message, t);
        }
    }

    @Override
    public boolean isTraceEnabled() {
        return delegate.isTraceEnabled();
    }

    @Override
    public boolean isDebugEnabled() {
        return delegate.isDebugEnabled();
    }

    @Override
    public boolean isInfoEnabled() {
        return delegate.isInfoEnabled();
    }

    @Override
    public boolean isWarnEnabled() {
        return delegate.isWarnEnabled();
    }

    @Override
    public boolean isErrorEnabled() {
        return delegate.isErrorEnabled();
    }

    @Override
    public boolean isFatalEnabled() {
        return delegate.isFatalEnabled();
    }
}
