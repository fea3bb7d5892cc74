package dev.lockstep.sessions.therapy;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;

/**
 * {@code GET /admin/api/analytics} (seed 001: "Enhanced metrics with session status breakdown").
 *
 * @param totalSessions every session
 * @param sessionsByStatus active, ended and archived counts (always all three)
 * @param anonymousSessions sessions without a user
 * @param unnamedEndedSessions ended sessions the naming job has not named yet
 * @param usersWithSessions distinct users owning sessions
 * @param totalMessages every message
 * @param messagesByRole user, assistant and system counts (always all three)
 * @param averageMessagesPerSession messages per session, two decimals
 * @param averageSessionMinutes mean duration of ended sessions in minutes, or null when none ended
 * @param firstSessionAt the oldest session's start, or null
 * @param lastSessionAt the newest session's start, or null
 */
@Serdeable
public record SessionAnalytics(long totalSessions, Map<String, Long> sessionsByStatus, long anonymousSessions,
    long unnamedEndedSessions, long usersWithSessions, long totalMessages, Map<String, Long> messagesByRole,
    double averageMessagesPerSession, @Nullable Double averageSessionMinutes, @Nullable Instant firstSessionAt,
    @Nullable Instant lastSessionAt) {
}
