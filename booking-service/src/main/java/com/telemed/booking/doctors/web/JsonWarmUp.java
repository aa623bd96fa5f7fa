package com.telemed.booking.doctors.web;

import java.util.List;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

import com.telemed.booking.doctors.Agenda;
import com.telemed.booking.doctors.Profile;
import com.telemed.booking.doctors.PublicDoctor;

import tools.jackson.databind.json.JsonMapper;

/** Builds the directory's and agenda's (de)serializers at start-up, off the event loop (see the booking one). */
@Component("doctorsJsonWarmUp")
class JsonWarmUp implements SmartInitializingSingleton {

    private final JsonMapper mapper;

    JsonWarmUp(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (Class<?> type : List.of(PublicDoctor.class, PublicDoctorsController.FreeSlots.class, Profile.class,
                Agenda.View.class, Agenda.Block.class, AgendaController.WorkingHoursBody.class,
                AgendaController.IntervalsBody.class)) {
            mapper.readerFor(type);
            mapper.writerFor(type);
        }
    }
}
