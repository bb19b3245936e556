// The defective project: the build failed naming the finding, one log line per finding, reports written.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log =~ /\[ERROR\] abilint: error linux-exec-stack target\/defective-1\.0\.jar!\/natives\/linux-x86_64\/libexecstack\.so: PT_GNU_STACK is executable/
assert log.contains('abilint: findings at or above error (linux-exec-stack in ')
def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/abilint/abilint.json'))
assert json.findings*.ruleId.contains('linux-exec-stack')
assert new File(basedir, 'target/abilint/abilint.sarif').isFile()
