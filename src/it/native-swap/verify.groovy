// Exactly one native library, and it is the one the consumer declared (a direct dependency).
def lines = new File(basedir, 'target/dependencies.txt').readLines().collect { it.trim() }
def natives = lines.findAll { it.startsWith('ai.djl.pytorch:pytorch-native-') }
assert natives.size() == 1 : "expected one native library, got ${natives}"
assert natives[0].startsWith('ai.djl.pytorch:pytorch-native-cpu:jar:linux-x86_64:') : natives[0]
assert new File(basedir, 'build.log').text.contains('Tests run: 1, Failures: 0, Errors: 0')
return true
