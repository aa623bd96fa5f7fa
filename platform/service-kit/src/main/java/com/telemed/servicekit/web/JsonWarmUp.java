package com.telemed.servicekit.web;

import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.Set;

import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpEntity;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jackson builds (and locks while building) a type's serializer and deserializer on first use. This builds them at
 * start-up, on the main thread, for every type the service's {@code @RestController}s read or write: the
 * {@code @RequestBody} parameters and the return types of handler methods, unwrapped from {@code Mono}, {@code Flux}
 * and {@code ResponseEntity}. So the first burst of requests never waits on that lock on an event-loop thread, and no
 * list of types has to be kept by hand.
 */
class JsonWarmUp implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(JsonWarmUp.class);

    private final ApplicationContext context;
    private final JsonMapper mapper;

    JsonWarmUp(ApplicationContext context, JsonMapper mapper) {
        this.context = context;
        this.mapper = mapper;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Set<ResolvableType> types = new LinkedHashSet<>();
        for (Object controller : context.getBeansWithAnnotation(RestController.class).values()) {
            types.addAll(exchangedTypes(ClassUtils.getUserClass(controller)));
        }
        for (ResolvableType type : types) {
            JavaType javaType = mapper.getTypeFactory().constructType(type.getType());
            mapper.readerFor(javaType);
            mapper.writerFor(javaType);
        }
        log.debug("JSON (de)serializers ready for {} types", types.size());
    }

    /** The body types the handler methods of {@code controller} read and write. */
    static Set<ResolvableType> exchangedTypes(Class<?> controller) {
        Set<ResolvableType> types = new LinkedHashSet<>();
        ReflectionUtils.doWithMethods(controller, method -> {
            types.add(body(ResolvableType.forMethodReturnType(method, controller)));
            for (int i = 0; i < method.getParameterCount(); i++) {
                MethodParameter parameter = new MethodParameter(method, i).withContainingClass(controller);
                if (parameter.hasParameterAnnotation(RequestBody.class)) {
                    types.add(body(ResolvableType.forMethodParameter(parameter)));
                }
            }
        }, JsonWarmUp::isHandler);
        types.removeIf(type -> type == ResolvableType.NONE || isNothing(type.resolve()));
        return types;
    }

    private static boolean isHandler(Method method) {
        return AnnotatedElementUtils.hasAnnotation(method, RequestMapping.class);
    }

    /** What is actually (de)serialized: the element of a Mono or Flux, the body of a ResponseEntity. */
    static ResolvableType body(ResolvableType type) {
        Class<?> raw = type.resolve();
        if (raw != null && (Publisher.class.isAssignableFrom(raw) || HttpEntity.class.isAssignableFrom(raw))) {
            ResolvableType inner = type.as(Publisher.class.isAssignableFrom(raw) ? Publisher.class : HttpEntity.class)
                    .getGeneric(0);
            return body(inner);
        }
        return type;
    }

    private static boolean isNothing(Class<?> raw) {
        return raw == null || raw == void.class || raw == Void.class || raw == Object.class || raw.isPrimitive()
                || raw == String.class || raw.getName().startsWith("org.springframework.");
    }
}
