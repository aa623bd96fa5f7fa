package com.telemed.notification.mailbox;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The web addresses in a message's text, in order, once each: what a test or a developer wants to follow. */
public final class Links {

    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"']+");

    private Links() {
    }

    public static List<String> in(String text) {
        if (text == null) {
            return List.of();
        }
        Set<String> found = new LinkedHashSet<>();
        Matcher m = URL.matcher(text);
        while (m.find()) {
            String link = m.group();
            while (!link.isEmpty() && ".,;:)]".indexOf(link.charAt(link.length() - 1)) >= 0) {
                link = link.substring(0, link.length() - 1);
            }
            found.add(link);
        }
        return List.copyOf(found);
    }
}
