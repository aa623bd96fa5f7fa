package com.telemed.events;

/** Marker for the payload records of the event catalog ({@link EventType}). */
public interface EventData {
}
