package org.openml.auth.http;

import org.openml.auth.core.error.ErrorCode;

/**
 * A refusal decided by the HTTP adapter itself (malformed body, too large, wrong session), with
 * its status, stable code and message. Answered by {@link ErrorResponses} like core errors.
 */
public final class HttpProblem extends RuntimeException {
    private final int status;
    private final String code;

    public HttpProblem(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static HttpProblem of(ErrorCode code) {
        return new HttpProblem(ErrorResponses.status(code), code.code(), code.message());
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
