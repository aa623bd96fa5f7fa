package com.telemed.video.rooms.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.telemed.servicekit.security.Caller;
import com.telemed.servicekit.web.ApiException;
import com.telemed.video.rooms.VideoInfo;
import com.telemed.video.rooms.VideoRooms;

import reactor.core.publisher.Mono;

import io.swagger.v3.oas.annotations.Operation;

/**
 * A consultation's video room. start-video and end-video need the doctor's access token; video-info and presence
 * are also open to the patient's manage-link token ({@code token}), so they are public paths checked here.
 */
@RestController
@RequestMapping("/api/v1/video/consultations/{id}")
class VideoController {

    record PresenceBody(String event, String token) {
    }

    private final VideoRooms rooms;

    VideoController(VideoRooms rooms) {
        this.rooms = rooms;
    }

    @Operation(summary = "Open the video room (doctor)")
    @PostMapping("/start-video")
    Mono<VideoInfo> start(@PathVariable long id, Caller caller) {
        return rooms.start(caller, id);
    }

    @Operation(summary = "End the video consultation (doctor)")
    @PostMapping("/end-video")
    Mono<VideoInfo> end(@PathVariable long id, Caller caller) {
        return rooms.end(caller, id);
    }

    @Operation(summary = "What a participant needs to join the video")
    @GetMapping("/video-info")
    Mono<VideoInfo> info(@PathVariable long id, @RequestParam(required = false) String token, Caller caller) {
        return rooms.info(caller, id, token);
    }

    @Operation(summary = "Report joining or leaving the video")
    @PostMapping("/presence")
    Mono<VideoInfo> presence(@PathVariable long id, @RequestBody(required = false) PresenceBody body,
            Caller caller) {
        if (body == null || body.event() == null) {
            return Mono.error(ApiException.badRequest("invalid-request", "event (joined or left) is required"));
        }
        return rooms.presence(caller, id, body.token(), body.event());
    }
}
