package com.telemed.booking.consultations.web;

import java.util.List;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

import com.telemed.booking.consultations.BookingAnswer;
import com.telemed.booking.consultations.BookingRequest;
import com.telemed.booking.consultations.ConsultationQueries;
import com.telemed.booking.consultations.ConsultationView;
import com.telemed.booking.patients.PatientView;

import tools.jackson.databind.json.JsonMapper;

/**
 * Jackson builds (and locks while building) a type's (de)serializer on first use. Building them at start-up keeps
 * that off the event loop, where the first burst of concurrent bookings would otherwise wait on the lock.
 */
@Component
class JsonWarmUp implements SmartInitializingSingleton {

    private final JsonMapper mapper;

    JsonWarmUp(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (Class<?> type : List.of(PublicBookingController.PublicBookingBody.class, PublicBookingController.LinkBody.class,
                PublicBookingController.ManagedConsultation.class, BookingRequest.class, BookingAnswer.class,
                ConsultationsController.ChangeBody.class, ConsultationView.class, com.telemed.servicekit.web.Page.class,
                ConsultationQueries.Summary.class, PatientView.class)) {
            mapper.readerFor(type);
            mapper.writerFor(type);
        }
    }
}
