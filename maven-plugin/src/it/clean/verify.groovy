// The clean project: the build passed, the reports asked for are in target/abilint/, the log has the summary.
def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] abilint: 1 binaries in 1 artifacts: 0 errors')
assert log.contains('BUILD SUCCESS')
def reports = new File(basedir, 'target/abilint')
assert new File(reports, 'abilint.json').isFile()
assert new File(reports, 'abilint.sarif').text.contains('"version" : "2.1.0"')
assert new File(reports, 'abilint.md').text.startsWith('## abilint scan: 0 errors')
def json = new groovy.json.JsonSlurper().parse(new File(reports, 'abilint.json'))
assert json.findings.every { it.severity != 'error' }
assert json.binaries*.path.any { it.endsWith('clean-1.0.jar!/natives/linux-x86_64/libdemo.so') }
