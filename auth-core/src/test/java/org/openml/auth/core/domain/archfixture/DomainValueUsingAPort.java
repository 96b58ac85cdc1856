package org.openml.auth.core.domain.archfixture;

import org.openml.auth.core.port.out.RandomSource;

/** Deliberately breaks the rule "domain uses only java.." so ArchitectureTest can prove the rule bites. Test-only. */
public record DomainValueUsingAPort(RandomSource random) {}
