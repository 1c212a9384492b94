<?php
// SPDX-License-Identifier: Apache-2.0
//
// Answers `tracegate versions --ecosystem packagist` queries with composer/semver (the oracle,
// Debian's php-composer-semver). Same protocol as the C++ side: one answer line per query line.
//
//   cmp<TAB>A<TAB>B        -1 / 0 / 1 (Comparator::lessThan / equalTo / greaterThan on the
//                          normalized versions), none when no relation holds, invalid
//   in<TAB>V<TAB>C         true / false (Semver::satisfies), invalid
//   norm<TAB>V             VersionParser::normalize, invalid
//   anything else          error

require '/usr/share/php/Composer/Semver/autoload.php';

use Composer\Semver\Comparator;
use Composer\Semver\Semver;
use Composer\Semver\VersionParser;

// Notices (string offsets in odd constraints) must not reach stdout.
error_reporting(0);

function answer(VersionParser $parser, string $line): string
{
    $fields = explode("\t", $line);
    $n = count($fields);
    try {
        switch ($fields[0]) {
            case 'cmp':
                if ($n !== 3) {
                    return 'error';
                }
                $a = $parser->normalize($fields[1]);
                $b = $parser->normalize($fields[2]);
                if (Comparator::lessThan($a, $b)) {
                    return '-1';
                }
                if (Comparator::equalTo($a, $b)) {
                    return '0';
                }
                return Comparator::greaterThan($a, $b) ? '1' : 'none';
            case 'in':
                if ($n !== 3) {
                    return 'error';
                }
                return Semver::satisfies($fields[1], $fields[2]) ? 'true' : 'false';
            case 'norm':
                if ($n !== 2) {
                    return 'error';
                }
                return $parser->normalize($fields[1]);
        }
    } catch (\Throwable $e) {  // every rejection composer/semver raises means "invalid"
        return 'invalid';
    }
    return 'error';
}

$parser = new VersionParser();
$out = '';
while (($line = fgets(STDIN)) !== false) {
    $line = rtrim($line, "\n");
    if (substr($line, -1) === "\r") {  // as tracegate reads lines
        $line = substr($line, 0, -1);
    }
    $out .= answer($parser, $line) . "\n";
    if (strlen($out) > 65536) {
        fwrite(STDOUT, $out);
        $out = '';
    }
}
fwrite(STDOUT, $out);
