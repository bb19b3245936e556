// includeDependencies: the dependency's native is scanned and named by its coordinates; failOn never passes.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log.contains('[ERROR] abilint: error linux-exec-stack maven:dev.abilint.it:native-dep:1.0!/natives/linux-x86_64/libexecstack.so: ')
def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/abilint/abilint.json'))
assert json.inputs.contains('maven:dev.abilint.it:native-dep:1.0')
assert json.inputs.any { it.endsWith('dependencies-1.0.jar') }
// the project's own jar is clean
assert json.findings.findAll { it.severity == 'error' }*.location.every { it.startsWith('maven:dev.abilint.it:native-dep:1.0!/') }
