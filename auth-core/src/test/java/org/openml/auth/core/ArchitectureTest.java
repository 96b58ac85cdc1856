package org.openml.auth.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.archfixture.CoreClassUsingJdbc;
import org.openml.auth.core.domain.archfixture.DomainValueUsingAPort;
import org.openml.auth.core.port.archfixture.PortUsingAUseCase;

/**
 * The core's dependency rules (style.md, "Boundaries, checked twice"; the Maven enforcer rule in
 * auth-core's pom is the other check). Each rule is also run against a small deliberately-bad
 * class from the test sources, to prove it reports what it is meant to catch.
 */
class ArchitectureTest {

    static final ArchRule DOMAIN_USES_ONLY_THE_JDK = classes()
            .that().resideInAPackage("org.openml.auth.core.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.openml.auth.core.domain..")
            .as("domain values depend only on java.. and the domain itself");

    static final ArchRule PORTS_DO_NOT_KNOW_USE_CASES = noClasses()
            .that().resideInAPackage("org.openml.auth.core.port..")
            .should().dependOnClassesThat().resideInAPackage("org.openml.auth.core.usecase..")
            .as("ports do not depend on use cases");

    static final ArchRule CORE_KNOWS_NO_ADAPTER_TECHNOLOGY = noClasses()
            .that().resideInAPackage("org.openml.auth.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.jdbi..", "com.zaxxer..", "io.javalin..", "com.yubico..", "jakarta..", "javax.servlet..",
                    "java.sql..", "java.net.http..", "org.eclipse.jetty..", "com.fasterxml..", "org.slf4j..")
            .as("the core touches no persistence, HTTP, mail, WebAuthn, JSON-binding or logging library");

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.openml.auth.core");
    }

    @Test
    void theMainClassesWereImported() {
        // Guards against the rules passing vacuously on an empty import.
        assertThat(core.stream().filter(c -> c.getPackageName().startsWith("org.openml.auth.core.domain"))).hasSizeGreaterThan(5);
        assertThat(core.stream().filter(c -> c.getPackageName().startsWith("org.openml.auth.core.port"))).hasSizeGreaterThan(3);
        assertThat(core.stream().filter(c -> c.getPackageName().startsWith("org.openml.auth.core.usecase"))).hasSizeGreaterThan(3);
        assertThat(core.contain(CoreClassUsingJdbc.class)).isFalse();
    }

    @Test
    void domainDependsOnlyOnTheJdkAndItself() {
        DOMAIN_USES_ONLY_THE_JDK.check(core);
    }

    @Test
    void portsDoNotDependOnUseCases() {
        PORTS_DO_NOT_KNOW_USE_CASES.check(core);
    }

    @Test
    void coreDependsOnNoAdapterTechnology() {
        CORE_KNOWS_NO_ADAPTER_TECHNOLOGY.check(core);
    }

    // ---- the rules can fail ----

    @Test
    void theDomainRuleReportsADomainClassThatUsesAPort() {
        EvaluationResult result = DOMAIN_USES_ONLY_THE_JDK.evaluate(new ClassFileImporter().importClasses(DomainValueUsingAPort.class));
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anyMatch(line -> line.contains(DomainValueUsingAPort.class.getName()) && line.contains("RandomSource"));
    }

    @Test
    void thePortRuleReportsAPortThatUsesAUseCase() {
        EvaluationResult result = PORTS_DO_NOT_KNOW_USE_CASES.evaluate(new ClassFileImporter().importClasses(PortUsingAUseCase.class));
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anyMatch(line -> line.contains(PortUsingAUseCase.class.getName()) && line.contains("AuthPolicy"));
    }

    @Test
    void theTechnologyRuleReportsACoreClassThatUsesJdbc() {
        EvaluationResult result = CORE_KNOWS_NO_ADAPTER_TECHNOLOGY.evaluate(new ClassFileImporter().importClasses(CoreClassUsingJdbc.class));
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anyMatch(line -> line.contains(CoreClassUsingJdbc.class.getName()) && line.contains("java.sql.Connection"));
    }
}
