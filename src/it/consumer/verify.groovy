// The consumer's resolved dependencies: DJL, the native library, Gson and sgd-lab itself, and
// nothing that only sgd-lab's application needs.
def listing = new File(basedir, 'target/dependencies.txt')
assert listing.isFile() : "no dependency list at ${listing}"
def lines = listing.readLines().collect { it.trim() }.findAll { it ==~ /[\w.\-]+:[\w.\-]+:.*/ }
def coordinates = lines.collect { it.split(':')[0..1].join(':') } as Set

['io.github.sgdlab:sgd-lab', 'ai.djl:api', 'ai.djl.pytorch:pytorch-engine',
 'ai.djl.pytorch:pytorch-native-cpu', 'ai.djl.pytorch:pytorch-jni',
 'com.google.code.gson:gson'].each {
    assert coordinates.contains(it) : "the consumer lacks ${it}: ${lines}"
}
['org.knowm.xchart:xchart', 'info.picocli:picocli', 'org.apache.commons:commons-csv',
 'ch.randelshofer:fastdoubleparser', 'com.madgag:animated-gif-lib', 'me.tongfei:progressbar',
 'org.jline:jline-terminal', 'org.slf4j:slf4j-simple'].each {
    assert !coordinates.contains(it) : "the consumer inherits ${it}, an application-only library"
}

// commons-io and commons-codec, if any, are the versions DJL's commons-compress names itself.
def version = { String ga -> lines.find { it.startsWith(ga + ':') }?.split(':')[3] }
def compress = version('org.apache.commons:commons-compress')
if (compress != null) {
    def pom = new File(localRepositoryPath,
            "org/apache/commons/commons-compress/${compress}/commons-compress-${compress}.pom")
    def project = new groovy.xml.XmlSlurper().parse(pom)
    ['commons-io:commons-io', 'commons-codec:commons-codec'].each { ga ->
        def (g, a) = ga.split(':')
        def declared = project.dependencies.dependency.find {
            it.groupId.text() == g && it.artifactId.text() == a }
        def wanted = declared.version.text()
        if (wanted.startsWith('${')) {
            wanted = project.properties."${wanted[2..-2]}".text()
        }
        def got = version(ga)
        assert got == null || got == wanted :
                "${ga} ${got} in the consumer, but DJL's commons-compress ${compress} names ${wanted}"
    }
}

// The installed artifact comes with its sources and Javadoc, and names its module.
def installed = new File(localRepositoryPath, "io/github/sgdlab/sgd-lab/${projectVersion}")
['', '-sources', '-javadoc'].each {
    def jar = new File(installed, "sgd-lab-${projectVersion}${it}.jar")
    assert jar.isFile() : "not installed: ${jar}"
}
def manifest = new java.util.jar.JarFile(new File(installed, "sgd-lab-${projectVersion}.jar")).manifest
assert manifest.mainAttributes.getValue('Automatic-Module-Name') == 'io.github.sgdlab'
return true
