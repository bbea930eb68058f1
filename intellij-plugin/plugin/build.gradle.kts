// Build where the IntelliJ Platform SDK is reachable:
//   (cd ../.. && ./mvnw -q install -DskipTests)   # puts trapdoor-intellij-core into ~/.m2
//   gradle buildPlugin                             # build/distributions/trapdoor-intellij-plugin-*.zip
// Not built in this repository's CI: the SDK cannot be downloaded there.
plugins {
    id("java")
    id("org.jetbrains.intellij.platform") version "2.7.2"
}

group = "dev.trapdoor"
version = "0.1.0-SNAPSHOT"

repositories {
    mavenLocal() // trapdoor-intellij-core, from the Maven build of this repository
    mavenCentral()
    intellijPlatform {
        defaultRepositories()
    }
}

dependencies {
    // The launch model, server command, ready line and file types; Gson comes with the platform.
    implementation("dev.trapdoor:trapdoor-intellij-core:0.1.0-SNAPSHOT") {
        exclude(group = "com.google.code.gson")
    }
    intellijPlatform {
        intellijIdeaCommunity("2025.1")
        // LSP4IJ's DAP API is @ApiStatus.Experimental and has changed between releases: keep this pinned and
        // re-check the two LSP4IJ subclasses when moving it.
        plugin("com.redhat.devtools.lsp4ij:0.19.0")
    }
}

java {
    toolchain {
        languageVersion = JavaLanguageVersion.of(21)
    }
}

intellijPlatform {
    pluginConfiguration {
        ideaVersion {
            sinceBuild = "251"
        }
    }
}
