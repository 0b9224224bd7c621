;; The common records of a delimited text, found without JavaScript looking at every field
;; (shared/io/read/record-index.ts; read by FieldScanner, shared/io/read/field-scan.ts).
;;
;; records(src, end, out, outEnd, ncols, delim, classes, latest, shift) walks the records of memory
;; bytes [src, end), finding each field's end 16 bytes at a time (WebAssembly SIMD), and stops at the first record it cannot settle itself:
;;  - a "simple" record ends in LF, has exactly ncols fields, a value in at least one, no CR, no
;;    double quote except around a whole value (with no quote or line break inside it, and a
;;    delimiter or LF after it), and no value starting or ending in a byte <= space (the reader
;;    trims those); a quoted value is the bytes between its quotes, as the reader keeps it;
;;  - each field's column class (byte classes + column) says what the reader needs of it:
;;    0 SKIP: nothing, unless the value has a shape the identifier check must see (a full
;;      postcode's end: digit, letter, letter in 5 characters or more; or 10-12 characters with
;;      exactly ten digits, not shaped yyyy-mm-dd): then the record is not simple;
;;    1 DISTINCT: nothing when empty, or unquoted, shaped yyyy-mm-dd and sorting at or before the
;;      column's latest date so far (10 bytes at latest + 10 * column; a first byte 0 means none
;;      yet); any other value is handed over, a quoted one as column -1 - column;
;;    2 EMIT: always handed over (empty or not);
;;    3 DAY, 4 HASH, 5 LABEL: nothing when empty; a value the walker can read as the scanner would
;;      is handed over read (column + 65536, then two words), any other value as EMIT's are:
;;      3 DAY: a yyyy-mm-dd value whose cache slot (isoSlot) in the day table at $days holds what
;;        the scanner read there before (its word, never 0: 0 means not read yet);
;;      4 HASH: a value of 5 or more characters with a digit, not ending digit-letter-letter in
;;        5-7 characters or with a space, and not 10-12 characters with exactly ten digits (unless
;;        shaped yyyy-mm-dd), so the identifier check has nothing to see: its two hash words, as
;;        FieldScanner.hashKey makes them;
;;      5 LABEL: a value the scanner has put in the label table at $table (label_add): its code.
;; For each simple record it writes, from out on (i32 words): the offset of its LF, the count of
;; fields handed over, then column, start and end of each (offsets as memory address + shift; a
;; value handed over read: column + 65536 and its two words). With a tally ($tally, see tally_row)
;; a record whose row the walker tallied itself has 1 << 30 added to its count of fields, and only
;; its DISTINCT columns' fields are handed over (the others matter to the row's tally only); a run
;; of tallied records with no field left to hand over is one entry: the count of records, 1 << 29. It stops before a record that is not
;; simple, at the end of the bytes, or when the next record might not fit before outEnd, and
;; writes at address 0 the offset where it stopped and why: 0 no whole record is left (the bytes
;; end before an LF), 1 the record there is not simple, 2 the output is full. It returns the words
;; written. Compiled by scripts/build-wasm.ts (wabt) into records.wasm.ts; a test checks they agree.
(module
  (memory (export "memory") 1)
  ;; MurmurHash3's 32-bit finaliser (Appleby), as field-scan.ts's fmix
  (func $fmix (param $h i32) (result i32)
    (local.set $h (i32.mul (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))) (i32.const 0x85ebca6b)))
    (local.set $h (i32.mul (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 13))) (i32.const 0xc2b2ae35)))
    (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))))
  ;; the day table slot of the 10 bytes at p, as field-scan.ts's isoSlot: yyyy-mm-dd digits, year
  ;; 1900-2155, month 0-12 and day 0-31 as written (valid or not), else -1
  (func $isoSlot (param $p i32) (result i32)
    (local $y i32) (local $m i32) (local $d i32)
    (if (i32.or (i32.ne (i32.load8_u offset=4 (local.get $p)) (i32.const 45)) (i32.ne (i32.load8_u offset=7 (local.get $p)) (i32.const 45)))
      (then (return (i32.const -1))))
    ;; every digit byte minus '0' below 10 (unsigned: a byte below '0' wraps to a large number)
    (if (i32.or
          (i32.or
            (i32.or (i32.gt_u (i32.sub (i32.load8_u (local.get $p)) (i32.const 48)) (i32.const 9))
                    (i32.gt_u (i32.sub (i32.load8_u offset=1 (local.get $p)) (i32.const 48)) (i32.const 9)))
            (i32.or (i32.gt_u (i32.sub (i32.load8_u offset=2 (local.get $p)) (i32.const 48)) (i32.const 9))
                    (i32.gt_u (i32.sub (i32.load8_u offset=3 (local.get $p)) (i32.const 48)) (i32.const 9))))
          (i32.or
            (i32.or (i32.gt_u (i32.sub (i32.load8_u offset=5 (local.get $p)) (i32.const 48)) (i32.const 9))
                    (i32.gt_u (i32.sub (i32.load8_u offset=6 (local.get $p)) (i32.const 48)) (i32.const 9)))
            (i32.or (i32.gt_u (i32.sub (i32.load8_u offset=8 (local.get $p)) (i32.const 48)) (i32.const 9))
                    (i32.gt_u (i32.sub (i32.load8_u offset=9 (local.get $p)) (i32.const 48)) (i32.const 9)))))
      (then (return (i32.const -1))))
    (local.set $y (i32.sub
      (i32.add
        (i32.add (i32.mul (i32.sub (i32.load8_u (local.get $p)) (i32.const 48)) (i32.const 1000))
                 (i32.mul (i32.sub (i32.load8_u offset=1 (local.get $p)) (i32.const 48)) (i32.const 100)))
        (i32.add (i32.mul (i32.sub (i32.load8_u offset=2 (local.get $p)) (i32.const 48)) (i32.const 10))
                 (i32.sub (i32.load8_u offset=3 (local.get $p)) (i32.const 48))))
      (i32.const 1900)))
    (local.set $m (i32.add (i32.mul (i32.sub (i32.load8_u offset=5 (local.get $p)) (i32.const 48)) (i32.const 10))
                           (i32.sub (i32.load8_u offset=6 (local.get $p)) (i32.const 48))))
    (local.set $d (i32.add (i32.mul (i32.sub (i32.load8_u offset=8 (local.get $p)) (i32.const 48)) (i32.const 10))
                           (i32.sub (i32.load8_u offset=9 (local.get $p)) (i32.const 48))))
    (if (i32.or (i32.gt_u (local.get $y) (i32.const 255)) (i32.or (i32.gt_u (local.get $m) (i32.const 12)) (i32.gt_u (local.get $d) (i32.const 31))))
      (then (return (i32.const -1))))
    (i32.add (i32.mul (i32.add (i32.mul (local.get $y) (i32.const 13)) (local.get $m)) (i32.const 32)) (local.get $d)))
  ;; a label's hash in the label table: FNV-1a of its bytes from a start set by its column, finalised
  (func $labelHash (param $col i32) (param $p i32) (param $len i32) (result i32)
    (local $h i32) (local $e i32)
    (local.set $h (i32.xor (i32.const 0x811c9dc5) (i32.mul (local.get $col) (i32.const 0x9e3779b1))))
    (local.set $e (i32.add (local.get $p) (local.get $len)))
    (block $done
      (loop $bytes
        (br_if $done (i32.ge_u (local.get $p) (local.get $e)))
        (local.set $h (i32.mul (i32.xor (local.get $h) (i32.load8_u (local.get $p))) (i32.const 0x01000193)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $bytes)))
    (call $fmix (local.get $h)))
  ;; label_add(col, p, len, code, table, mask): the len bytes at p (which stay there) are column
  ;; col's label `code`. The table has mask + 1 entries of four words: hash, code + 1 (0: empty),
  ;; address of the bytes, column * 65536 + length. The caller keeps it at most half full.
  (func (export "label_add") (param $col i32) (param $p i32) (param $len i32) (param $code i32) (param $table i32) (param $mask i32)
    (local $h i32) (local $slot i32) (local $at i32)
    (local.set $h (call $labelHash (local.get $col) (local.get $p) (local.get $len)))
    (local.set $slot (i32.and (local.get $h) (local.get $mask)))
    (block $free
      (loop $probe
        (local.set $at (i32.add (local.get $table) (i32.shl (local.get $slot) (i32.const 4))))
        (br_if $free (i32.eqz (i32.load offset=4 (local.get $at))))
        (local.set $slot (i32.and (i32.add (local.get $slot) (i32.const 1)) (local.get $mask)))
        (br $probe)))
    (i32.store (local.get $at) (local.get $h))
    (i32.store offset=4 (local.get $at) (i32.add (local.get $code) (i32.const 1)))
    (i32.store offset=8 (local.get $at) (local.get $p))
    (i32.store offset=12 (local.get $at) (i32.add (i32.shl (local.get $col) (i32.const 16)) (local.get $len))))
  ;; The tally block ($t, i32 words; record-index.ts TALLY_*): 0-12 the tally's columns (centre,
  ;; start, end, patient id; -1 none), the bound dates after which an interval is invalid, the run
  ;; date, the earliest plausible date, the row number of the walk's first record, the latest date
  ;; not after the run date (MISSING none), the first and last start day written, the open clocks
  ;; written; 12-25 its limits (centre codes, days of wait, open clocks, key records per bucket) and
  ;; the addresses of its arrays (per centre code: ready, label hash, rows, missing starts, invalid
  ;; intervals; then waits [code * W + days], completed waits by start day, open clocks (codes,
  ;; then starts, openCap each), key records per bucket and the key records); 26 the largest centre
  ;; code with a wait; 27 the address of each code's longest wait plus one (0: none).
  ;; tally_row tallies one row as TallyScan.row (shared/analysis/stream/aggregate.ts) does, when the
  ;; centre code is ready (its rows kept, its names taken) and the row fits, and answers 1; else 0,
  ;; having written nothing (the row is then TallyScan.row's). MISSING (-2^31) is a missing day.
  (func $tallyRow (param $t i32) (param $c i32) (param $s i32) (param $e i32) (param $kp i32) (param $h1 i32) (param $h2 i32) (param $row i32) (result i32)
    (local $bound i32) (local $kind i32) (local $wait i32) (local $bucket i32) (local $n i32) (local $at i32) (local $h i32) (local $d i32) (local $run i32) (local $latest i32)
    (if (i32.ge_u (local.get $c) (i32.load offset=48 (local.get $t))) (then (return (i32.const 0))))
    (if (i32.eqz (i32.load (i32.add (i32.load offset=64 (local.get $t)) (i32.shl (local.get $c) (i32.const 2))))) (then (return (i32.const 0))))
    (local.set $bound (i32.load offset=16 (local.get $t)))
    ;; intervalKind: 0 no start, 1 invalid, 2 open, 3 completed
    (if (i32.eq (local.get $s) (i32.const 0x80000000))
      (then (local.set $kind (i32.const 0)))
      (else
        (if (i32.or (i32.gt_s (local.get $s) (local.get $bound))
              (i32.and (i32.ne (local.get $e) (i32.const 0x80000000))
                (i32.or (i32.lt_s (local.get $e) (local.get $s)) (i32.gt_s (local.get $e) (local.get $bound)))))
          (then (local.set $kind (i32.const 1)))
          (else (local.set $kind (select (i32.const 2) (i32.const 3) (i32.eq (local.get $e) (i32.const 0x80000000))))))))
    ;; room: a wait inside the histogram, an open clock's slot, the key record's
    (if (i32.eq (local.get $kind) (i32.const 3))
      (then
        (local.set $wait (i32.sub (local.get $e) (local.get $s)))
        (if (i32.ge_u (local.get $wait) (i32.load offset=52 (local.get $t))) (then (return (i32.const 0))))))
    (if (i32.eq (local.get $kind) (i32.const 2))
      (then (if (i32.ge_u (i32.load offset=44 (local.get $t)) (i32.load offset=56 (local.get $t))) (then (return (i32.const 0))))))
    (if (local.get $kp)
      (then
        ;; keyHashOf(h1, h2, the label's hash), bucket by its top 7 bits
        (local.set $h (i32.xor
          (i32.mul (i32.xor (local.get $h1) (i32.mul (i32.load (i32.add (i32.load offset=68 (local.get $t)) (i32.shl (local.get $c) (i32.const 2)))) (i32.const 0x9e3779b1))) (i32.const 0x85ebca6b))
          (local.get $h2)))
        (local.set $bucket (i32.shr_u (local.get $h) (i32.const 25)))
        (local.set $n (i32.load (i32.add (i32.load offset=96 (local.get $t)) (i32.shl (local.get $bucket) (i32.const 2)))))
        (if (i32.ge_u (local.get $n) (i32.load offset=60 (local.get $t))) (then (return (i32.const 0))))))
    ;; the latest date not after the run date (every row's dates count)
    (local.set $run (i32.load offset=20 (local.get $t)))
    (local.set $latest (i32.load offset=32 (local.get $t)))
    (if (i32.and (i32.ne (local.get $s) (i32.const 0x80000000)) (i32.le_s (local.get $s) (local.get $run)))
      (then (if (i32.or (i32.eq (local.get $latest) (i32.const 0x80000000)) (i32.gt_s (local.get $s) (local.get $latest))) (then (local.set $latest (local.get $s))))))
    (if (i32.and (i32.ne (local.get $e) (i32.const 0x80000000)) (i32.le_s (local.get $e) (local.get $run)))
      (then (if (i32.or (i32.eq (local.get $latest) (i32.const 0x80000000)) (i32.gt_s (local.get $e) (local.get $latest))) (then (local.set $latest (local.get $e))))))
    (i32.store offset=32 (local.get $t) (local.get $latest))
    ;; rows
    (local.set $at (i32.add (i32.load offset=72 (local.get $t)) (i32.shl (local.get $c) (i32.const 2))))
    (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (i32.const 1)))
    (if (local.get $kp)
      (then
        ;; the key record: hash, the id's two words, code, start, end, row (7 words)
        (local.set $at (i32.add (i32.load offset=100 (local.get $t))
          (i32.mul (i32.add (i32.mul (local.get $bucket) (i32.load offset=60 (local.get $t))) (local.get $n)) (i32.const 28))))
        (i32.store (local.get $at) (local.get $h))
        (i32.store offset=4 (local.get $at) (local.get $h1))
        (i32.store offset=8 (local.get $at) (local.get $h2))
        (i32.store offset=12 (local.get $at) (local.get $c))
        (i32.store offset=16 (local.get $at) (local.get $s))
        (i32.store offset=20 (local.get $at) (local.get $e))
        (i32.store offset=24 (local.get $at) (local.get $row))
        (i32.store (i32.add (i32.load offset=96 (local.get $t)) (i32.shl (local.get $bucket) (i32.const 2))) (i32.add (local.get $n) (i32.const 1)))))
    (if (i32.eqz (local.get $kind))
      (then
        (local.set $at (i32.add (i32.load offset=76 (local.get $t)) (i32.shl (local.get $c) (i32.const 2))))
        (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (i32.const 1)))
        (return (i32.const 1))))
    (if (i32.eq (local.get $kind) (i32.const 1))
      (then
        (local.set $at (i32.add (i32.load offset=80 (local.get $t)) (i32.shl (local.get $c) (i32.const 2))))
        (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (i32.const 1)))
        (return (i32.const 1))))
    (if (i32.eq (local.get $kind) (i32.const 2))
      (then
        (local.set $n (i32.load offset=44 (local.get $t)))
        (local.set $at (i32.add (i32.load offset=92 (local.get $t)) (i32.shl (local.get $n) (i32.const 2))))
        (i32.store (local.get $at) (local.get $c))
        (i32.store (i32.add (local.get $at) (i32.shl (i32.load offset=56 (local.get $t)) (i32.const 2))) (local.get $s))
        (i32.store offset=44 (local.get $t) (i32.add (local.get $n) (i32.const 1)))
        (return (i32.const 1))))
    ;; a completed wait: its histogram, and its start day
    (local.set $at (i32.add (i32.load offset=84 (local.get $t))
      (i32.shl (i32.add (i32.mul (local.get $c) (i32.load offset=52 (local.get $t))) (local.get $wait)) (i32.const 2))))
    (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (i32.const 1)))
    (if (i32.gt_s (local.get $c) (i32.load offset=104 (local.get $t))) (then (i32.store offset=104 (local.get $t) (local.get $c))))
    ;; the code's longest wait so far, plus one (the sixth per-code word; 0: no wait yet)
    (local.set $at (i32.add (i32.load offset=108 (local.get $t)) (i32.shl (local.get $c) (i32.const 2))))
    (if (i32.ge_s (local.get $wait) (i32.load (local.get $at))) (then (i32.store (local.get $at) (i32.add (local.get $wait) (i32.const 1)))))
    (local.set $d (i32.sub (local.get $s) (i32.load offset=24 (local.get $t))))
    (local.set $at (i32.add (i32.load offset=88 (local.get $t)) (i32.shl (local.get $d) (i32.const 2))))
    (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (i32.const 1)))
    (if (i32.lt_s (local.get $d) (i32.load offset=36 (local.get $t))) (then (i32.store offset=36 (local.get $t) (local.get $d))))
    (if (i32.gt_s (local.get $d) (i32.load offset=40 (local.get $t))) (then (i32.store offset=40 (local.get $t) (local.get $d))))
    (i32.const 1))
  ;; repeats(rec, n, groups, table, mask, out, gen): the key records at rec (n of 7 words: hash, the
  ;; id's two words, centre code, start, end, row) whose id and group (groups[code], a word per
  ;; code) are already in the table (mask + 1 slots of four words: the id's words, group + 1 and the
  ;; generation that wrote it; a slot of another generation is empty, so a new table needs no
  ;; clearing), found by hash with linear probing; the others are added. Writes the word offset of
  ;; each repeat's record at out, and returns how many (aggregate.ts repeatsOf, the same walk).
  (func (export "repeats") (param $rec i32) (param $n i32) (param $groups i32) (param $table i32) (param $mask i32) (param $out i32) (param $gen i32) (result i32)
    (local $r i32) (local $p i32) (local $g i32) (local $a i32) (local $b i32) (local $slot i32) (local $o i32) (local $held i32) (local $count i32)
    (block $done
      (loop $records
        (br_if $done (i32.ge_u (local.get $r) (local.get $n)))
        (local.set $p (i32.add (local.get $rec) (i32.mul (local.get $r) (i32.const 28))))
        (local.set $g (i32.add (i32.load (i32.add (local.get $groups) (i32.shl (i32.load offset=12 (local.get $p)) (i32.const 2)))) (i32.const 1)))
        (local.set $a (i32.load offset=4 (local.get $p)))
        (local.set $b (i32.load offset=8 (local.get $p)))
        (local.set $slot (i32.and (i32.load (local.get $p)) (local.get $mask)))
        (block $placed
          (loop $probe
            (local.set $o (i32.add (local.get $table) (i32.shl (local.get $slot) (i32.const 4))))
            (if (i32.ne (i32.load offset=12 (local.get $o)) (local.get $gen))
              (then
                (i32.store (local.get $o) (local.get $a))
                (i32.store offset=4 (local.get $o) (local.get $b))
                (i32.store offset=8 (local.get $o) (local.get $g))
                (i32.store offset=12 (local.get $o) (local.get $gen))
                (br $placed)))
            (local.set $held (i32.load offset=8 (local.get $o)))
            (if (i32.and (i32.eq (local.get $held) (local.get $g))
                  (i32.and (i32.eq (i32.load (local.get $o)) (local.get $a)) (i32.eq (i32.load offset=4 (local.get $o)) (local.get $b))))
              (then
                (i32.store (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 2))) (i32.mul (local.get $r) (i32.const 7)))
                (local.set $count (i32.add (local.get $count) (i32.const 1)))
                (br $placed)))
            (local.set $slot (i32.and (i32.add (local.get $slot) (i32.const 1)) (local.get $mask)))
            (br $probe)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $records)))
    (local.get $count))
  (func (export "records")
    (param $src i32) (param $end i32) (param $out i32) (param $outEnd i32)
    (param $ncols i32) (param $delim i32) (param $classes i32) (param $latest i32) (param $shift i32)
    (param $days i32) (param $table i32) (param $mask i32) (param $tally i32) (result i32)
    (local $v1 i32) (local $v2 i32) (local $h i32) (local $q i32)
    (local $tcC i32) (local $tcS i32) (local $tcE i32) (local $tcK i32) (local $earliest i32) (local $row i32)
    (local $ok i32) (local $tc i32) (local $ts i32) (local $te i32) (local $kp i32) (local $h1 i32) (local $h2 i32)
    (local $p i32) (local $rec i32) (local $w i32) (local $head i32) (local $emits i32)
    (local $ci i32) (local $any i32) (local $s i32) (local $e i32) (local $b i32) (local $len i32)
    (local $class i32) (local $k i32) (local $digits i32) (local $at i32) (local $reason i32)
    (local $m i32) (local $c i32) (local $quoted i32) (local $v v128) (local $vd v128) (local $vl v128) (local $vq v128) (local $vc v128)
    (local $runAt i32)
    (local.set $p (local.get $src))
    (local.set $w (local.get $out))
    (local.set $reason (i32.const 0))
    ;; the tally's columns (-2: no tally, so no column is one of them)
    (local.set $tcC (i32.const -2))
    (local.set $tcS (i32.const -2))
    (local.set $tcE (i32.const -2))
    (local.set $tcK (i32.const -2))
    (if (local.get $tally)
      (then
        (local.set $tcC (i32.load (local.get $tally)))
        (local.set $tcS (i32.load offset=4 (local.get $tally)))
        (local.set $tcE (i32.load offset=8 (local.get $tally)))
        (local.set $tcK (i32.load offset=12 (local.get $tally)))
        (local.set $earliest (i32.load offset=24 (local.get $tally)))
        (local.set $row (i32.load offset=28 (local.get $tally)))))
    ;; The four bytes searched for, splatted from memory (bytes 8-11: scratch) rather than from
    ;; constants: V8 rebuilt a constant splat at every use, in the loop over fields (3 instructions
    ;; each, 12 a field), where values it cannot fold stay in registers.
    (i32.store offset=8 (i32.const 0) (i32.or (i32.or (i32.const 10) (i32.shl (i32.const 34) (i32.const 8)))
      (i32.or (i32.shl (i32.const 13) (i32.const 16)) (i32.shl (local.get $delim) (i32.const 24)))))
    (local.set $vl (i8x16.splat (i32.load8_u offset=8 (i32.const 0))))
    (local.set $vq (i8x16.splat (i32.load8_u offset=9 (i32.const 0))))
    (local.set $vc (i8x16.splat (i32.load8_u offset=10 (i32.const 0))))
    (local.set $vd (i8x16.splat (i32.load8_u offset=11 (i32.const 0))))
    (block $stop
      (loop $records
        (local.set $rec (local.get $p))
        ;; room for this record's words: 2 + 3 per column
        (if (i32.gt_u (i32.add (local.get $w) (i32.shl (i32.add (i32.const 2) (i32.mul (local.get $ncols) (i32.const 3))) (i32.const 2))) (local.get $outEnd))
          (then (local.set $reason (i32.const 2)) (br $stop)))
        (local.set $head (local.get $w))
        (local.set $w (i32.add (local.get $w) (i32.const 8)))
        (local.set $emits (i32.const 0))
        ;; the row's values for the tally, as the walker reads them (a centre code is needed)
        (local.set $ok (local.get $tally))
        (local.set $tc (i32.const -1))
        (local.set $ts (i32.const 0x80000000))
        (local.set $te (i32.const 0x80000000))
        (local.set $kp (i32.const 0))
        (local.set $ci (i32.const 0))
        (local.set $any (i32.const 0))
        (block $incomplete
        (block $complex
          (loop $fields
            (br_if $incomplete (i32.ge_u (local.get $p) (local.get $end)))
            (if (i32.eq (i32.load8_u (local.get $p)) (i32.const 34))
              (then
                ;; a quoted value: to the next quote, which must close it (a line break inside,
                ;; a doubled quote, or anything but a delimiter or LF after it: not simple)
                (local.set $quoted (i32.const 1))
                (local.set $s (i32.add (local.get $p) (i32.const 1)))
                (local.set $k (local.get $s))
                (block $closed
                  (loop $quoted
                    (br_if $incomplete (i32.ge_u (local.get $k) (local.get $end)))
                    (local.set $v (v128.load (local.get $k)))
                    (local.set $m (i8x16.bitmask (v128.or
                      (i8x16.eq (local.get $v) (local.get $vq))
                      (v128.or (i8x16.eq (local.get $v) (local.get $vl)) (i8x16.eq (local.get $v) (local.get $vc))))))
                    (if (local.get $m)
                      (then
                        (local.set $k (i32.add (local.get $k) (i32.ctz (local.get $m))))
                        (br_if $incomplete (i32.ge_u (local.get $k) (local.get $end)))
                        (br_if $complex (i32.ne (i32.load8_u (local.get $k)) (i32.const 34)))
                        (br $closed)))
                    (local.set $k (i32.add (local.get $k) (i32.const 16)))
                    (br $quoted)))
                (br_if $incomplete (i32.ge_u (i32.add (local.get $k) (i32.const 1)) (local.get $end)))
                (local.set $b (i32.load8_u offset=1 (local.get $k)))
                (br_if $complex (i32.and (i32.ne (local.get $b) (local.get $delim)) (i32.ne (local.get $b) (i32.const 10))))
                (local.set $e (local.get $k))
                (local.set $p (i32.add (local.get $k) (i32.const 1))))
              (else
                (local.set $quoted (i32.const 0))
                (local.set $s (local.get $p))
                ;; to the field's end: the first delimiter, LF, quote or CR, 16 bytes at a time (the
                ;; bytes after end that a load reads are memory the caller keeps; they are never used)
                ;; (the first 16 bytes outside the loop: most fields end in them, and a loop
                ;; costs V8 a stack check each time round)
                (local.set $v (v128.load (local.get $p)))
                (local.set $m (i8x16.bitmask (v128.or
                  (v128.or (i8x16.eq (local.get $v) (local.get $vd)) (i8x16.eq (local.get $v) (local.get $vl)))
                  (v128.or (i8x16.eq (local.get $v) (local.get $vq)) (i8x16.eq (local.get $v) (local.get $vc))))))
                (if (i32.eqz (local.get $m))
                  (then
                    (loop $bytes
                      (local.set $p (i32.add (local.get $p) (i32.const 16)))
                      (br_if $incomplete (i32.ge_u (local.get $p) (local.get $end)))
                      (local.set $v (v128.load (local.get $p)))
                      (local.set $m (i8x16.bitmask (v128.or
                        (v128.or (i8x16.eq (local.get $v) (local.get $vd)) (i8x16.eq (local.get $v) (local.get $vl)))
                        (v128.or (i8x16.eq (local.get $v) (local.get $vq)) (i8x16.eq (local.get $v) (local.get $vc))))))
                      (br_if $bytes (i32.eqz (local.get $m))))))
                (local.set $p (i32.add (local.get $p) (i32.ctz (local.get $m))))
                (br_if $incomplete (i32.ge_u (local.get $p) (local.get $end)))
                (local.set $b (i32.load8_u (local.get $p)))
                (br_if $complex (i32.eq (local.get $b) (i32.const 34)))
                (br_if $complex (i32.eq (local.get $b) (i32.const 13)))
                (local.set $e (local.get $p))))
            (br_if $complex (i32.ge_u (local.get $ci) (local.get $ncols)))
            (local.set $class (i32.load8_u (i32.add (local.get $classes) (local.get $ci))))
            (local.set $len (i32.sub (local.get $e) (local.get $s)))
            (if (i32.gt_s (local.get $len) (i32.const 0))
              (then
                (local.set $any (i32.const 1))
                (br_if $complex (i32.le_u (i32.load8_u (local.get $s)) (i32.const 32)))
                (br_if $complex (i32.le_u (i32.load8_u (i32.sub (local.get $e) (i32.const 1))) (i32.const 32)))))
            (block $fieldDone
              (if (i32.ge_u (local.get $class) (i32.const 3))
                (then
                  (br_if $fieldDone (i32.eqz (local.get $len)))
                  (block $unresolved
                    (block $resolved
                      (if (i32.eq (local.get $class) (i32.const 3))
                        (then
                          ;; DAY: what the scanner read for this slot before
                          (br_if $unresolved (i32.ne (local.get $len) (i32.const 10)))
                          (local.set $v2 (call $isoSlot (local.get $s)))
                          (br_if $unresolved (i32.lt_s (local.get $v2) (i32.const 0)))
                          (local.set $v1 (i32.load (i32.add (local.get $days) (i32.shl (local.get $v2) (i32.const 2)))))
                          (br_if $unresolved (i32.eqz (local.get $v1)))
                          (local.set $v2 (i32.const 0))
                          (br $resolved)))
                      (if (i32.eq (local.get $class) (i32.const 4))
                        (then
                          ;; HASH: shapes the identifier check must see, and short values (missing markers), are handed over
                          (br_if $unresolved (i32.lt_u (local.get $len) (i32.const 5)))
                          ;; FNV-1a, and a multiply-xor hash finalised by fmix (hashKey's two words), counting digits and spaces
                          (local.set $v1 (i32.const 0x811c9dc5))
                          (local.set $h (local.get $len))
                          (local.set $digits (i32.const 0))
                          (local.set $c (i32.const 0))
                          (local.set $k (local.get $s))
                          (block $hashed
                            (loop $hash
                              (br_if $hashed (i32.ge_u (local.get $k) (local.get $e)))
                              (local.set $b (i32.load8_u (local.get $k)))
                              (local.set $v1 (i32.mul (i32.xor (local.get $v1) (local.get $b)) (i32.const 0x01000193)))
                              (local.set $h (i32.mul (i32.xor (local.get $h) (local.get $b)) (i32.const 0x5bd1e995)))
                              (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 15))))
                              (local.set $digits (i32.add (local.get $digits) (i32.lt_u (i32.sub (local.get $b) (i32.const 48)) (i32.const 10))))
                              (local.set $c (i32.or (local.get $c) (i32.eq (local.get $b) (i32.const 32))))
                              (local.set $k (i32.add (local.get $k) (i32.const 1)))
                              (br $hash)))
                          ;; no digit: it might be a name
                          (br_if $unresolved (i32.eqz (local.get $digits)))
                          ;; a full postcode's end (digit, letter, letter) in 5-7 characters, or with a space
                          (br_if $unresolved (i32.and
                            (i32.and
                              (i32.and
                                (i32.lt_u (i32.sub (i32.or (i32.load8_u (i32.sub (local.get $e) (i32.const 1))) (i32.const 32)) (i32.const 97)) (i32.const 26))
                                (i32.lt_u (i32.sub (i32.or (i32.load8_u (i32.sub (local.get $e) (i32.const 2))) (i32.const 32)) (i32.const 97)) (i32.const 26)))
                              (i32.lt_u (i32.sub (i32.load8_u (i32.sub (local.get $e) (i32.const 3))) (i32.const 48)) (i32.const 10)))
                            (i32.or (i32.le_u (local.get $len) (i32.const 7)) (local.get $c))))
                          ;; 10-12 characters with ten digits, not shaped yyyy-mm-dd: it might be an NHS number
                          (br_if $unresolved (i32.and
                            (i32.and (i32.ge_u (local.get $len) (i32.const 10)) (i32.le_u (local.get $len) (i32.const 12)))
                            (i32.and (i32.eq (local.get $digits) (i32.const 10))
                              (i32.eqz (i32.and (i32.eq (local.get $len) (i32.const 10))
                                (i32.and (i32.eq (i32.load8_u offset=4 (local.get $s)) (i32.const 45)) (i32.eq (i32.load8_u offset=7 (local.get $s)) (i32.const 45))))))))
                          (local.set $v2 (call $fmix (local.get $h)))
                          (br $resolved)))
                      ;; LABEL: its code in the label table, if the scanner has put it there (the
                      ;; table holds values of up to 24 bytes: longer ones, a name rather than a
                      ;; code, are handed over without a look, and the scanner reads them only when asked)
                      (br_if $unresolved (i32.gt_u (local.get $len) (i32.const 24)))
                      (local.set $h (call $labelHash (local.get $ci) (local.get $s) (local.get $len)))
                      (local.set $v2 (i32.and (local.get $h) (local.get $mask)))
                      (loop $probe
                        (local.set $at (i32.add (local.get $table) (i32.shl (local.get $v2) (i32.const 4))))
                        (local.set $v1 (i32.load offset=4 (local.get $at)))
                        (br_if $unresolved (i32.eqz (local.get $v1)))
                        (if (i32.and (i32.eq (i32.load (local.get $at)) (local.get $h))
                              (i32.eq (i32.load offset=12 (local.get $at)) (i32.add (i32.shl (local.get $ci) (i32.const 16)) (local.get $len))))
                          (then
                            (local.set $q (i32.load offset=8 (local.get $at)))
                            (local.set $k (i32.const 0))
                            (block $differ
                              (loop $compare
                                (if (i32.ge_u (local.get $k) (local.get $len))
                                  (then
                                    (local.set $v1 (i32.sub (local.get $v1) (i32.const 1)))
                                    (local.set $v2 (i32.const 0))
                                    (br $resolved)))
                                (br_if $differ (i32.ne (i32.load8_u (i32.add (local.get $q) (local.get $k))) (i32.load8_u (i32.add (local.get $s) (local.get $k)))))
                                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                                (br $compare)))))
                        (local.set $v2 (i32.and (i32.add (local.get $v2) (i32.const 1)) (local.get $mask)))
                        (br $probe)))
                    ;; read: column + 65536 and its two words
                    (i32.store (local.get $w) (i32.add (local.get $ci) (i32.const 65536)))
                    (i32.store offset=4 (local.get $w) (local.get $v1))
                    (i32.store offset=8 (local.get $w) (local.get $v2))
                    (local.set $w (i32.add (local.get $w) (i32.const 12)))
                    (local.set $emits (i32.add (local.get $emits) (i32.const 1)))
                    ;; and kept for the tally: the centre code, the days (word 1: not a date the
                    ;; import keeps; else the day less the earliest plausible day plus 2), the id's hashes
                    (if (i32.eq (local.get $ci) (local.get $tcC)) (then (local.set $tc (local.get $v1))))
                    (if (i32.eq (local.get $ci) (local.get $tcS))
                      (then (if (i32.ne (local.get $v1) (i32.const 1)) (then (local.set $ts (i32.add (local.get $v1) (i32.sub (local.get $earliest) (i32.const 2))))))))
                    (if (i32.eq (local.get $ci) (local.get $tcE))
                      (then (if (i32.ne (local.get $v1) (i32.const 1)) (then (local.set $te (i32.add (local.get $v1) (i32.sub (local.get $earliest) (i32.const 2))))))))
                    (if (i32.eq (local.get $ci) (local.get $tcK))
                      (then (local.set $kp (i32.const 1)) (local.set $h1 (local.get $v1)) (local.set $h2 (local.get $v2))))
                    (br $fieldDone))
                  ;; not read here: handed over as EMIT's values are (a tally column's: the row is the scanner's)
                  (if (i32.or (i32.or (i32.eq (local.get $ci) (local.get $tcC)) (i32.eq (local.get $ci) (local.get $tcS)))
                              (i32.or (i32.eq (local.get $ci) (local.get $tcE)) (i32.eq (local.get $ci) (local.get $tcK))))
                    (then (local.set $ok (i32.const 0))))
                  (i32.store (local.get $w) (local.get $ci))
                  (i32.store offset=4 (local.get $w) (i32.add (local.get $s) (local.get $shift)))
                  (i32.store offset=8 (local.get $w) (i32.add (local.get $e) (local.get $shift)))
                  (local.set $w (i32.add (local.get $w) (i32.const 12)))
                  (local.set $emits (i32.add (local.get $emits) (i32.const 1)))
                  (br $fieldDone)))
              (if (i32.eq (local.get $class) (i32.const 2))
                (then
                  (i32.store (local.get $w) (local.get $ci))
                  (i32.store offset=4 (local.get $w) (i32.add (local.get $s) (local.get $shift)))
                  (i32.store offset=8 (local.get $w) (i32.add (local.get $e) (local.get $shift)))
                  (local.set $w (i32.add (local.get $w) (i32.const 12)))
                  (local.set $emits (i32.add (local.get $emits) (i32.const 1)))
                  (br $fieldDone)))
              (br_if $fieldDone (i32.eqz (local.get $len)))
              (if (i32.eq (local.get $class) (i32.const 1))
                (then
                  ;; DISTINCT: an unquoted yyyy-mm-dd shape not later than the latest needs
                  ;; nothing (the reader keeps every quoted value: handed over as -1 - column)
                  (if (i32.and (i32.and (i32.eqz (local.get $quoted)) (i32.eq (local.get $len) (i32.const 10)))
                        (i32.and (i32.eq (i32.load8_u offset=4 (local.get $s)) (i32.const 45)) (i32.eq (i32.load8_u offset=7 (local.get $s)) (i32.const 45))))
                    (then
                      (local.set $at (i32.add (local.get $latest) (i32.mul (local.get $ci) (i32.const 10))))
                      (if (i32.ne (i32.load8_u (local.get $at)) (i32.const 0))
                        (then
                          ;; not later: the first of the 10 bytes that differs is lower (or none
                          ;; differs), as unsigned bytes; 16 loaded, 10 compared
                          (local.set $v (v128.load (local.get $s)))
                          (local.set $m (i32.and (i8x16.bitmask (i8x16.lt_u (local.get $v) (v128.load (local.get $at)))) (i32.const 1023)))
                          (local.set $c (i32.and (i8x16.bitmask (i8x16.gt_u (local.get $v) (v128.load (local.get $at)))) (i32.const 1023)))
                          (br_if $fieldDone (i32.le_u (i32.ctz (local.get $m)) (i32.ctz (local.get $c))))))))
                  (i32.store (local.get $w) (select (i32.sub (i32.const -1) (local.get $ci)) (local.get $ci) (local.get $quoted)))
                  (i32.store offset=4 (local.get $w) (i32.add (local.get $s) (local.get $shift)))
                  (i32.store offset=8 (local.get $w) (i32.add (local.get $e) (local.get $shift)))
                  (local.set $w (i32.add (local.get $w) (i32.const 12)))
                  (local.set $emits (i32.add (local.get $emits) (i32.const 1)))
                  (br $fieldDone)))
              ;; SKIP: shapes the identifier check must see (none in fewer than 5 characters)
              (br_if $fieldDone (i32.lt_s (local.get $len) (i32.const 5)))
              ;; letter: (b | 32) - 97 < 26; digit: b - 48 < 10
              (br_if $complex (i32.and
                (i32.and
                  (i32.lt_u (i32.sub (i32.or (i32.load8_u (i32.sub (local.get $e) (i32.const 1))) (i32.const 32)) (i32.const 97)) (i32.const 26))
                  (i32.lt_u (i32.sub (i32.or (i32.load8_u (i32.sub (local.get $e) (i32.const 2))) (i32.const 32)) (i32.const 97)) (i32.const 26)))
                (i32.lt_u (i32.sub (i32.load8_u (i32.sub (local.get $e) (i32.const 3))) (i32.const 48)) (i32.const 10))))
              (br_if $fieldDone (i32.or (i32.lt_s (local.get $len) (i32.const 10)) (i32.gt_s (local.get $len) (i32.const 12))))
              (br_if $fieldDone (i32.and (i32.eq (local.get $len) (i32.const 10))
                (i32.and (i32.eq (i32.load8_u offset=4 (local.get $s)) (i32.const 45)) (i32.eq (i32.load8_u offset=7 (local.get $s)) (i32.const 45)))))
              (local.set $digits (i32.const 0))
              (local.set $k (local.get $s))
              (block $countDone
                (loop $count
                  (br_if $countDone (i32.ge_u (local.get $k) (local.get $e)))
                  (local.set $digits (i32.add (local.get $digits) (i32.lt_u (i32.sub (i32.load8_u (local.get $k)) (i32.const 48)) (i32.const 10))))
                  (local.set $k (i32.add (local.get $k) (i32.const 1)))
                  (br $count)))
              (br_if $complex (i32.eq (local.get $digits) (i32.const 10))))
            (local.set $ci (i32.add (local.get $ci) (i32.const 1)))
            ;; the byte at p is the delimiter or LF
            (local.set $b (i32.load8_u (local.get $p)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br_if $fields (i32.ne (local.get $b) (i32.const 10))))
          ;; the record ended at LF (p - 1)
          (br_if $complex (i32.ne (local.get $ci) (local.get $ncols)))
          (br_if $complex (i32.eqz (local.get $any)))
          (i32.store (local.get $head) (i32.add (i32.sub (local.get $p) (i32.const 1)) (local.get $shift)))
          (if (local.get $ok)
            (then
              (if (call $tallyRow (local.get $tally) (local.get $tc) (local.get $ts) (local.get $te) (local.get $kp) (local.get $h1) (local.get $h2) (local.get $row))
                (then
                  ;; tallied: only the DISTINCT columns' fields are left for the scanner (the
                  ;; others' values matter to the row's tally only: a quoted DISTINCT value's column is negative)
                  (local.set $k (i32.add (local.get $head) (i32.const 8)))
                  (local.set $at (local.get $k))
                  (local.set $emits (i32.const 0))
                  (block $kept
                    (loop $keep
                      (br_if $kept (i32.ge_u (local.get $k) (local.get $w)))
                      (local.set $c (i32.load (local.get $k)))
                      (if (i32.or (i32.lt_s (local.get $c) (i32.const 0))
                            (i32.and (i32.lt_s (local.get $c) (i32.const 65536)) (i32.eq (i32.load8_u (i32.add (local.get $classes) (local.get $c))) (i32.const 1))))
                        (then
                          (i32.store (local.get $at) (i32.load (local.get $k)))
                          (i32.store offset=4 (local.get $at) (i32.load offset=4 (local.get $k)))
                          (i32.store offset=8 (local.get $at) (i32.load offset=8 (local.get $k)))
                          (local.set $at (i32.add (local.get $at) (i32.const 12)))
                          (local.set $emits (i32.add (local.get $emits) (i32.const 1)))))
                      (local.set $k (i32.add (local.get $k) (i32.const 12)))
                      (br $keep)))
                  (local.set $w (local.get $at))
                  (if (i32.eqz (local.get $emits))
                    (then
                      ;; nothing left for the scanner: counted in a run of such records (the
                      ;; entry just before, when it is one; else a new one: count, 1 << 29)
                      (if (local.get $runAt)
                        (then
                          (i32.store (local.get $runAt) (i32.add (i32.load (local.get $runAt)) (i32.const 1)))
                          (local.set $w (local.get $head)))
                        (else
                          (i32.store (local.get $head) (i32.const 1))
                          (i32.store offset=4 (local.get $head) (i32.const 0x20000000))
                          (local.set $runAt (local.get $head))))
                      (local.set $row (i32.add (local.get $row) (i32.const 1)))
                      (br $records)))
                  (local.set $emits (i32.or (local.get $emits) (i32.const 0x40000000)))))))
          (i32.store offset=4 (local.get $head) (local.get $emits))
          (local.set $runAt (i32.const 0))
          (local.set $row (i32.add (local.get $row) (i32.const 1)))
          (br $records))
        ;; not simple: stop before it
        (local.set $p (local.get $rec))
        (local.set $w (local.get $head))
        (local.set $reason (i32.const 1))
        (br $stop))
        ;; the bytes end before the record does: stop before it
        (local.set $p (local.get $rec))
        (local.set $w (local.get $head))
        (local.set $reason (i32.const 0))))
    (i32.store (i32.const 0) (local.get $p))
    (i32.store (i32.const 4) (local.get $reason))
    (i32.shr_u (i32.sub (local.get $w) (local.get $out)) (i32.const 2))))
