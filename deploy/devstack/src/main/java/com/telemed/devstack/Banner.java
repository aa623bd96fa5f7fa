package com.telemed.devstack;

import java.util.List;

/** The text printed when the platform starts and when it is ready. */
final class Banner {

    static final String DEMO_PASSWORD = "Telemed-Demo-2026!";

    private Banner() {
    }

    static void starting(Console console, Settings settings) {
        console.line("");
        console.line("Telemed devstack — the whole platform on this machine (embedded PostgreSQL, in-process Kafka)");
        console.line("  state: " + settings.display(settings.stateDir()) + "/   logs: "
                + settings.display(settings.logsDir()) + "/");
        console.line("");
    }

    static void ready(Console console, Settings settings, List<Component> started, List<String> skipped,
                      ProcessMemory memory) {
        String gateway = "http://localhost:" + settings.gatewayPort();
        boolean hasGateway = started.stream().anyMatch(c -> c.kind() == Component.Kind.GATEWAY);
        console.line("");
        console.line("Telemed is running (ready in " + console.elapsed() + ").");
        console.line("");
        if (hasGateway) {
            console.line("  Open          " + gateway);
            console.line("  Health        " + gateway + "/api/health");
            console.line("  Dev mailbox   " + gateway + "/dev/mailbox");
        } else {
            console.line("  The gateway was not started, so " + gateway + " does not answer; the services and the web");
            console.line("  answer on their own ports (web http://localhost:" + (3000 + settings.portOffset()) + ").");
        }
        console.line("");
        console.line("  Services      " + portsLine(started));
        console.line("  PostgreSQL    localhost:" + settings.dbPort() + "  database " + settings.dbName() + ", user "
                + settings.dbUsername() + " / " + settings.dbPassword() + "  (data: "
                + settings.display(settings.postgresDir()) + ")");
        console.line("  Kafka         localhost:" + settings.kafkaPort() + "  (KRaft, data: "
                + settings.display(settings.kafkaDir()) + ")");
        console.line("  Logs          " + settings.display(settings.logsDir()) + "/<name>.log   (make logs)");
        if (!skipped.isEmpty()) {
            console.line("  Not started   " + String.join(", ", skipped) + " (TELEMED_DEVSTACK_SKIP)");
        }
        console.line("  Memory        " + memory.rssMb() + " MB RSS (" + memory.pssMb() + " MB PSS) in "
                + memory.processes() + " processes");
        console.line("");
        console.line("  Local mode    TELEMED_LOCAL_MODE=true: sandbox checkout instead of Stripe, dev mailbox instead "
                + "of SendGrid");
        console.line("                REGISTRATION_TOKEN=" + ChildCommand.registrationToken());
        console.line("                STRIPE_WEBHOOK_SECRET=" + ChildCommand.stripeWebhookSecret());
        console.line("");
        console.line("  Demo staff accounts (password " + DEMO_PASSWORD + "; sign in at " + gateway + "/login):");
        console.line("    it@telemed.local        it_admin");
        console.line("    admin@telemed.local     admin");
        console.line("    doctor1@telemed.local   specialist");
        console.line("    doctor2@telemed.local   specialist");
        console.line("");
        console.line("Press Ctrl-C to stop.");
    }

    /** "name port, name port, …" wrapped to fit a terminal, continuation lines indented under the first. */
    private static String portsLine(List<Component> started) {
        StringBuilder text = new StringBuilder();
        int lineLength = 0;
        for (int i = 0; i < started.size(); i++) {
            Component c = started.get(i);
            String item = c.name() + " " + c.port() + (i < started.size() - 1 ? "," : "");
            if (lineLength > 0 && lineLength + item.length() + 1 > 82) {
                text.append("\n                ");
                lineLength = 0;
            } else if (lineLength > 0) {
                text.append(' ');
                lineLength++;
            }
            text.append(item);
            lineLength += item.length();
        }
        return text.toString();
    }
}
