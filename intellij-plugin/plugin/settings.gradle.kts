// The thin IntelliJ plugin. Built with Gradle where the IntelliJ Platform SDK can be downloaded (it is served only by
// JetBrains' repository); the Maven reactor never compiles it. See ../README.md.
rootProject.name = "trapdoor-intellij-plugin"
