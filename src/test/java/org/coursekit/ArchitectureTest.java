package org.coursekit;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.coursekit.store.Store;
import org.coursekit.store.Stores;

/**
 * The shape of the house, checked: data flows one way, {@code cli → app → store/io/render → domain},
 * and each outside library has its one package.
 */
@AnalyzeClasses(packages = "org.coursekit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule domainImportsNothingOfOurs = classes().that().resideInAPackage("org.coursekit.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("org.coursekit.domain..", "java..");

    @ArchTest
    static final ArchRule nothingBelowCliKnowsTheCommandLine = noClasses()
            .that().resideInAnyPackage("org.coursekit.app..", "org.coursekit.store..", "org.coursekit.io..",
                    "org.coursekit.render..", "org.coursekit.domain..", "org.coursekit.i18n..")
            .should().dependOnClassesThat().resideInAnyPackage("org.coursekit.cli..", "picocli..");

    @ArchTest
    static final ArchRule storeIoAndRenderDoNotCallTheUseCases = noClasses()
            .that().resideInAnyPackage("org.coursekit.store..", "org.coursekit.io..", "org.coursekit.render..")
            .should().dependOnClassesThat().resideInAPackage("org.coursekit.app..");

    @ArchTest
    static final ArchRule storeKnowsNoFilesFormatsOrPdfs = noClasses().that().resideInAPackage("org.coursekit.store..")
            .should().dependOnClassesThat().resideInAnyPackage("org.coursekit.io..", "org.coursekit.render..");

    @ArchTest
    static final ArchRule onlyTheStoreUsesJdbc = noClasses().that().resideOutsideOfPackage("org.coursekit.store..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.sqlite..", "org.postgresql..");

    @ArchTest
    static final ArchRule onlyTheSqliteEngineUsesSqliteJdbc = noClasses()
            .that().resideOutsideOfPackage("org.coursekit.store.sqlite..")
            .should().dependOnClassesThat().resideInAPackage("org.sqlite..");

    @ArchTest
    static final ArchRule onlyThePostgresEngineUsesItsDriver = noClasses()
            .that().resideOutsideOfPackage("org.coursekit.store.postgres..")
            .should().dependOnClassesThat().resideInAPackage("org.postgresql..");

    /** The use cases never learn which engine answers; the factory alone picks one. */
    @ArchTest
    static final ArchRule onlyTheFactoryKnowsTheEngines = noClasses()
            .that().resideOutsideOfPackage("org.coursekit.store.sqlite..").and().doNotBelongToAnyOf(Stores.class)
            .should().dependOnClassesThat().resideInAPackage("org.coursekit.store.sqlite..");

    @ArchTest
    static final ArchRule onlyTheFactoryKnowsThePostgresEngine = noClasses()
            .that().resideOutsideOfPackage("org.coursekit.store.postgres..").and().doNotBelongToAnyOf(Stores.class)
            .should().dependOnClassesThat().resideInAPackage("org.coursekit.store.postgres..");

    /** The engines do not know each other. */
    @ArchTest
    static final ArchRule theEnginesAreIndependent = noClasses().that().resideInAPackage("org.coursekit.store.sqlite..")
            .should().dependOnClassesThat().resideInAPackage("org.coursekit.store.postgres..");

    /** Commands open a store through the factory and hand it to the use cases; repositories are app's. */
    @ArchTest
    static final ArchRule cliSeesOnlyTheStoreInterfaceAndFactory = noClasses().that().resideInAPackage("org.coursekit.cli..")
            .should().dependOnClassesThat(resideInAPackage("org.coursekit.store..")
                    .and(not(belongToAnyOf(Store.class, Stores.class))));

    @ArchTest
    static final ArchRule onlyRenderUsesOpenPdf = noClasses().that().resideOutsideOfPackage("org.coursekit.render..")
            .should().dependOnClassesThat().resideInAnyPackage("com.lowagie..", "org.openpdf..");
}
