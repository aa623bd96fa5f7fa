package com.telemed.video.rooms;

/** Who is looking at a consultation's room: its doctor or its patient (by access token or by manage link). */
record Viewer(Participant participant, long id) {

    enum Participant {
        DOCTOR("doctor"), PATIENT("patient");

        final String wire;

        Participant(String wire) {
            this.wire = wire;
        }
    }

    boolean doctor() {
        return participant == Participant.DOCTOR;
    }
}
