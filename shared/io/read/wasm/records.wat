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
;;    2 EMIT: always handed over (empty or not).
;; For each simple record it writes, from out on (i32 words): the offset of its LF, the count of
;; fields handed over, then column, start and end of each (offsets as memory address + shift). It stops before a record that is not
;; simple, at the end of the bytes, or when the next record might not fit before outEnd, and
;; writes at address 0 the offset where it stopped and why: 0 no whole record is left (the bytes
;; end before an LF), 1 the record there is not simple, 2 the output is full. It returns the words
;; written. Compiled by scripts/build-wasm.ts (wabt) into records.wasm.ts; a test checks they agree.
(module
  (memory (export "memory") 1)
  (func (export "records")
    (param $src i32) (param $end i32) (param $out i32) (param $outEnd i32)
    (param $ncols i32) (param $delim i32) (param $classes i32) (param $latest i32) (param $shift i32) (result i32)
    (local $p i32) (local $rec i32) (local $w i32) (local $head i32) (local $emits i32)
    (local $ci i32) (local $any i32) (local $s i32) (local $e i32) (local $b i32) (local $len i32)
    (local $class i32) (local $k i32) (local $digits i32) (local $at i32) (local $reason i32)
    (local $m i32) (local $c i32) (local $quoted i32) (local $v v128) (local $vd v128) (local $vl v128) (local $vq v128) (local $vc v128)
    (local.set $p (local.get $src))
    (local.set $w (local.get $out))
    (local.set $reason (i32.const 0))
    (local.set $vd (i8x16.splat (local.get $delim)))
    (local.set $vl (i8x16.splat (i32.const 10)))
    (local.set $vq (i8x16.splat (i32.const 34)))
    (local.set $vc (i8x16.splat (i32.const 13)))
    (block $stop
      (loop $records
        (local.set $rec (local.get $p))
        ;; room for this record's words: 2 + 3 per column
        (if (i32.gt_u (i32.add (local.get $w) (i32.shl (i32.add (i32.const 2) (i32.mul (local.get $ncols) (i32.const 3))) (i32.const 2))) (local.get $outEnd))
          (then (local.set $reason (i32.const 2)) (br $stop)))
        (local.set $head (local.get $w))
        (local.set $w (i32.add (local.get $w) (i32.const 8)))
        (local.set $emits (i32.const 0))
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
                (block $found
                  (loop $bytes
                    (br_if $incomplete (i32.ge_u (local.get $p) (local.get $end)))
                    (local.set $v (v128.load (local.get $p)))
                    (local.set $m (i8x16.bitmask (v128.or
                      (v128.or (i8x16.eq (local.get $v) (local.get $vd)) (i8x16.eq (local.get $v) (local.get $vl)))
                      (v128.or (i8x16.eq (local.get $v) (local.get $vq)) (i8x16.eq (local.get $v) (local.get $vc))))))
                    (if (local.get $m)
                      (then
                        (local.set $p (i32.add (local.get $p) (i32.ctz (local.get $m))))
                        (br_if $incomplete (i32.ge_u (local.get $p) (local.get $end)))
                        (local.set $b (i32.load8_u (local.get $p)))
                        (br_if $complex (i32.eq (local.get $b) (i32.const 34)))
                        (br_if $complex (i32.eq (local.get $b) (i32.const 13)))
                        (br $found)))
                    (local.set $p (i32.add (local.get $p) (i32.const 16)))
                    (br $bytes)))
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
          (i32.store offset=4 (local.get $head) (local.get $emits))
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
