package org.openml.auth.core.port.in;

import org.openml.auth.core.error.ErrorCode;

/** A result variant that says no; adapters answer it with the code's status and message. */
public interface Refusal {
    ErrorCode code();
}
