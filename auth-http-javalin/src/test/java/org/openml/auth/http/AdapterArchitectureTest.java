package org.openml.auth.http;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openml.auth.core.port.in.AccountActivity;
import org.openml.auth.core.port.in.Sessions;
import org.openml.auth.core.port.out.AuditEventStore;
import org.openml.auth.core.port.out.MailOutbox;
import org.openml.auth.core.port.out.Mailer;
import org.openml.auth.http.archfixture.RouteIssuingSessions;
import org.openml.auth.http.archfixture.RouteWritingAudit;

/**
 * The HTTP adapter translates; the use cases own the flows. So the routes write no audit row,
 * send no mail and issue no session themselves: an embedding service calling the same use case
 * then gets exactly what the routes get. Each rule is also run against a deliberately wrong class
 * from the test sources, to prove it reports what it is meant to catch.
 */
class AdapterArchitectureTest {

    private static final DescribedPredicate<JavaMethodCall> RECORDS_AN_EVENT =
            calls(AccountActivity.class, Set.of("record", "signInFailed", "lockedOut"), "a recording method of AccountActivity");
    private static final DescribedPredicate<JavaMethodCall> ISSUES_OR_REVOKES_SESSIONS =
            calls(Sessions.class, Set.of("issue", "revokeAll"), "Sessions.issue or Sessions.revokeAll");

    static final ArchRule ROUTES_WRITE_NO_AUDIT_AND_SEND_NO_MAIL = noClasses()
            .that().resideInAPackage("org.openml.auth.http..")
            .should().callMethodWhere(RECORDS_AN_EVENT)
            .orShould().dependOnClassesThat().belongToAnyOf(AuditEventStore.class, Mailer.class, MailOutbox.class)
            .as("the HTTP adapter writes no audit row and sends no mail: the use cases do");

    static final ArchRule SESSIONS_COME_FROM_THE_FLOWS = noClasses()
            .that().resideInAPackage("org.openml.auth.http..")
            .should().callMethodWhere(ISSUES_OR_REVOKES_SESSIONS)
            .as("the HTTP adapter issues and revokes no session itself: sign-in and sign-out-everywhere results do");

    private static JavaClasses adapter;

    @BeforeAll
    static void importAdapter() {
        adapter = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.openml.auth.http");
    }

    @Test
    void theRouteClassesWereImported() {
        assertThat(adapter.contain(SessionRoutes.class)).isTrue();
        assertThat(adapter.contain(PasskeyRoutes.class)).isTrue();
        assertThat(adapter.contain(RouteWritingAudit.class)).isFalse();
    }

    @Test
    void routesWriteNoAuditRowAndSendNoMail() {
        ROUTES_WRITE_NO_AUDIT_AND_SEND_NO_MAIL.check(adapter);
    }

    @Test
    void routesIssueNoSessionThemselves() {
        SESSIONS_COME_FROM_THE_FLOWS.check(adapter);
    }

    @Test
    void theRulesReportRoutesThatDoTheFlowsJob() {
        assertThat(ROUTES_WRITE_NO_AUDIT_AND_SEND_NO_MAIL.evaluate(new ClassFileImporter().importClasses(RouteWritingAudit.class))
                .hasViolation()).isTrue();
        assertThat(SESSIONS_COME_FROM_THE_FLOWS.evaluate(new ClassFileImporter().importClasses(RouteIssuingSessions.class))
                .hasViolation()).isTrue();
    }

    private static DescribedPredicate<JavaMethodCall> calls(Class<?> owner, Set<String> names, String description) {
        return DescribedPredicate.describe(description,
                call -> call.getTargetOwner().isAssignableTo(owner) && names.contains(call.getName()));
    }
}
