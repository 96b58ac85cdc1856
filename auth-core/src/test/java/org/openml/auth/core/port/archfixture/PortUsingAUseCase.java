package org.openml.auth.core.port.archfixture;

import org.openml.auth.core.usecase.AuthPolicy;

/** Deliberately breaks the rule "ports don't depend on use cases" so ArchitectureTest can prove the rule bites. Test-only. */
public interface PortUsingAUseCase {
    AuthPolicy policy();
}
