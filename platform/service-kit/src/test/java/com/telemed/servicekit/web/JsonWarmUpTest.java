package com.telemed.servicekit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.ResolvableType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

class JsonWarmUpTest {

    record Item(String name) {
    }

    record Created(long id) {
    }

    record NewItem(String name) {
    }

    record Event(String kind) {
    }

    @RestController
    static class Controller {

        @GetMapping("/items")
        Mono<Page<Item>> list() {
            return Mono.empty();
        }

        @PostMapping("/items")
        Mono<ResponseEntity<Created>> create(@RequestBody NewItem body, @PathVariable String ignored) {
            return Mono.empty();
        }

        @GetMapping("/events")
        Flux<Event> events() {
            return Flux.empty();
        }

        @PostMapping("/nothing")
        Mono<Void> nothing() {
            return Mono.empty();
        }

        String notAHandler(Map<String, Integer> notScanned) {
            return "";
        }
    }

    @Test
    void findsTheBodiesOfEveryHandlerUnwrapped() {
        List<String> types = JsonWarmUp.exchangedTypes(Controller.class).stream().map(ResolvableType::toString)
                .toList();
        assertThat(types).containsExactlyInAnyOrder(
                Page.class.getName() + "<" + Item.class.getName() + ">",
                Created.class.getName(), NewItem.class.getName(), Event.class.getName());
    }

    @Test
    void warmsTheMapperForThemWithoutFailing() {
        org.springframework.context.support.StaticApplicationContext context =
                new org.springframework.context.support.StaticApplicationContext();
        context.registerSingleton("controller", Controller.class);
        context.refresh();
        new JsonWarmUp(context, JsonMapper.builder().build()).afterSingletonsInstantiated();
    }
}
