#!/usr/bin/python3
# make-corpus.py — regenerates the fuzzers' seed corpora in fuzz/corpus/
#
# Copyright 2026 The Crowdscope Authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: fuzz/make-corpus.py BUILD_DIR [SHARED_DATA]
#
# Seeds are cut from the real datasets (the first rows of a CSV, the header of a .npy and a few
# of its rows, never a whole file), written by the core's own writers (a checkpoint trained for
# two epochs by the CLI, tests/write-formats), or made by hand for the edge cases. Every seed
# stays under 4 KiB. Needs Debian's python3-numpy, for the .npy seeds.

import os
import shutil
import struct
import subprocess
import sys
import tempfile

import numpy as np

MAX_SEED = 4096
HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, 'corpus')


def put(target, name, data):
    if isinstance(data, str):
        data = data.encode('utf-8')
    assert len(data) < MAX_SEED, f'{target}/{name} is {len(data)} bytes'
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), 'wb') as f:
        f.write(data)


def head_lines(path, max_bytes=MAX_SEED - 1, max_lines=None):
    """The first whole lines of a file that fit in max_bytes."""
    out = b''
    with open(path, 'rb') as f:
        for i, line in enumerate(f):
            if len(out) + len(line) > max_bytes or (max_lines and i >= max_lines):
                break
            out += line
    return out


def npy_bytes(array, version=None):
    import io
    buf = io.BytesIO()
    np.lib.format.write_array(buf, array, version=version, allow_pickle=False)
    return buf.getvalue()


def npy_seeds(data):
    seeds = {}
    features = np.load(os.path.join(data, 'labelme/train/vgg16_avg.npy'), mmap_mode='r')
    seeds['labelme-train-1x512.npy'] = npy_bytes(np.ascontiguousarray(features[:1]))
    seeds['labelme-train-4x16.npy'] = npy_bytes(np.ascontiguousarray(features[:4, :16]))
    seeds['labelme-train-4x16-v2.npy'] = npy_bytes(np.ascontiguousarray(features[:4, :16]), (2, 0))
    seeds['labelme-train-4x16-v3.npy'] = npy_bytes(np.ascontiguousarray(features[:4, :16]), (3, 0))
    seeds['labelme-train-4x16-f8-big-fortran.npy'] = npy_bytes(
        np.asfortranarray(features[:4, :16].astype('>f8')))
    seeds['labelme-train-16.npy'] = npy_bytes(np.ascontiguousarray(features[0, :16]))
    # The real header with its data cut off: the shape says 1000 × 512.
    with open(os.path.join(data, 'labelme/train/vgg16_avg.npy'), 'rb') as f:
        seeds['labelme-train-header-only.npy'] = f.read(128)

    labels = np.loadtxt(os.path.join(data, 'labelme/train/labels.txt'), dtype=np.int64)[:32]
    seeds['labelme-labels-i8.npy'] = npy_bytes(labels)
    seeds['labelme-labels-i4-column.npy'] = npy_bytes(labels.astype('<i4').reshape(-1, 1))
    seeds['labelme-labels-f4.npy'] = npy_bytes(labels.astype('<f4'))
    seeds['labelme-labels-u2-big.npy'] = npy_bytes(labels.astype('>u2'))
    seeds['labelme-labels-bool.npy'] = npy_bytes(labels > 3)

    seeds['edge-i1-3d.npy'] = npy_bytes(np.arange(24, dtype=np.int8).reshape(2, 3, 4))
    seeds['edge-u8-large.npy'] = npy_bytes(np.array([0, 2**40, 2**64 - 1], dtype=np.uint64))
    seeds['edge-scalar.npy'] = npy_bytes(np.array(1.5, dtype=np.float32))
    seeds['edge-empty.npy'] = npy_bytes(np.zeros((0, 3), dtype=np.float32))
    seeds['edge-nan.npy'] = npy_bytes(np.array([1.0, np.nan], dtype=np.float32))
    seeds['edge-f8-huge.npy'] = npy_bytes(np.array([1e300, -2.5], dtype=np.float64))
    seeds['edge-python2-long.npy'] = (b"\x93NUMPY\x01\x00\x46\x00{'descr': '<f4', "
                                      b"'fortran_order': False, 'shape': (2L, 1L), }      \n"
                                      + struct.pack('<2f', 1.0, 2.0))
    for target in ('npy-header', 'npy-f32', 'npy-i32'):
        for name, blob in seeds.items():
            put(target, name, blob)


def csv_seeds(data):
    put('csv', 'music-gold-head.csv', head_lines(os.path.join(data, 'music/music_genre_gold.csv')))
    put('csv', 'music-mturk-head.csv', head_lines(os.path.join(data, 'music/music_genre_mturk.csv')))
    put('csv', 'edge-quoted-crlf.csv',
        '\ufeffid,"name, quoted",value\r\n1,"say ""hi""",0.5\r\n2,"two\r\nlines", -3e-2 \r\n\r\n')
    put('csv', 'edge-numbers.csv',
        'a,b,c,d,e,f\n1e5,-0.0,nan,inf,0x1p3, 7 \n1e39,+2,,1.5e-45,3.,.5\n')
    put('csv', 'edge-one-column.csv', 'x\n1\n2\n3')
    put('csv', 'edge-cr.csv', 'a,b\r1,2\r\n3,4\r')


def crowd_table_seeds(data):
    put('crowd-table', 'long-form.csv', 'item,annotator,label\na,w1,cat\nb,w1,dog\nc,w2,1\na,w2,dog\n')
    put('crowd-table', 'task-worker-class.csv', 'task,worker,class\na,A1,0\na,A1,1\nb,A2,cat\n')
    put('crowd-table', 'id-quoted.csv', 'id,annotator,extra,label\n"a",w,"x,y", dog \nc,"w 2",,0\n')
    put('crowd-table', 'unknown-item.csv', 'item,annotator,label\nzz,w1,cat\n')
    put('crowd-table', 'bad-class.csv', 'item,annotator,label\na,w1,bird\n')
    # The real table's columns, with its first rows: its items are not a, b, c, so this one
    # reaches the unknown item error.
    put('crowd-table', 'music-mturk-head.csv',
        head_lines(os.path.join(data, 'music/music_genre_mturk.csv')))


def text_seeds(data):
    put('text-lines', 'labelme-classes.txt', head_lines(os.path.join(data, 'labelme/classes.txt')))
    put('text-lines', 'labelme-filenames.txt',
        head_lines(os.path.join(data, 'labelme/train/filenames.txt'), max_lines=40))
    put('text-lines', 'labelme-label-names.txt',
        head_lines(os.path.join(data, 'labelme/train/label_names.txt'), max_lines=40))
    put('text-lines', 'edge-bom-crlf.txt', '\ufeffcat\r\n  dog \r\n\r\n')
    put('text-lines', 'edge-blank-middle.txt', 'a\n\nb\n')
    put('text-lines', 'edge-unicode.txt', 'ünï\nçødé\t\n')

    put('answers', 'labelme-answers-head.txt',
        head_lines(os.path.join(data, 'labelme/answers.txt'), max_lines=12))
    put('answers', 'labelme-answers-77-head.txt',
        head_lines(os.path.join(data, 'labelme/answers_77_columns.txt'), max_lines=8))
    put('answers', 'edge-crlf.txt', '0 1\r\n1 -1\r\n\r\n')
    put('answers', 'edge-tabs-bom.txt', '\ufeff\t2\t-1\n+3\t0\n')
    put('answers', 'edge-big.txt', '2147483647 -1\n9223372036854775808 0\n')
    put('answers', 'edge-ragged.txt', '1 2 3\n\n4 5\n')


MANIFESTS = {
    'csv-all-columns.ini': '''[dataset]
name=Fuzz
classes=cat;dog
standardize=auto

[train]
features=train.csv
feature-columns=f*
id-column=id
gold-column=class
image-column=image
images=images
crowd=crowd.csv
crowd-columns=item;annotator;label

[valid]
features=valid.csv
gold-column=class
''',
    'npy-files.ini': '''[dataset]
classes-file=classes.txt
standardize=yes

[train]
features=train.npy
ids=ids.txt
gold=gold.npy
images=images
image-list=files.txt
crowd=answers.txt

[test]
features=test.npy
''',
    'text-gold.ini': '''# A comment
[dataset]
classes=cat;dog;
standardize=no

[train]
features = train.npy
gold=gold.txt
crowd=crowd.csv
ids=ids.txt
''',
    'gold-table.ini': '''[dataset]
classes=cat;dog

[train]
features=train.csv
feature-columns=f*
id-column=id
gold=gold-table.csv
gold-id-column=item
gold-label-column=label
''',
    'errors.ini': '''[dataset]
classes=cat;cat

[train]
features=missing.npy
''',
    'no-ids-crowd.ini': '''[dataset]
classes=cat;dog

[train]
features=train.npy
crowd=answers.txt
''',
}


def manifest_seeds():
    for name, text in MANIFESTS.items():
        put('manifest', name, text)
    put('manifest', 'edge-unknown-key.ini', '[dataset]\nclasses=a;b\ncolour=red\n[train]\nfeatures=x.csv\n')
    put('manifest', 'edge-locale.ini', '[dataset]\nclasses=a;b\nname[de]=x\n[train]\nfeatures=train.csv\n')


def checkpoint_seeds(build, data, tmp):
    cli = os.path.join(build, 'cli', 'crowdscope-cli')
    write_formats = os.path.join(build, 'tests', 'write-formats')

    run = os.path.join(tmp, 'run')
    subprocess.run([cli, 'train', os.path.join(data, 'music'), '-e', '2', '-m', 'mv', '--hidden=2',
                    '-t', '1', '-o', run],
                   check=True, stdout=subprocess.DEVNULL)
    written = os.path.join(tmp, 'written')
    subprocess.run([write_formats, 'write', written], check=True)

    with open(os.path.join(run, 'config.json'), 'rb') as f:
        put('checkpoint-config', 'music-mv.json', f.read())
    put('checkpoint-config', 'edge-minimal.json',
        '{"format":"crowdscope-checkpoint","dataset":{"features":3,"classes":["a","b"],'
        '"annotators":[]},"config":{"method":"ds","lr":0.5,"seed":-1},"notices":["n"],'
        '"history":[{"epoch":1,"train_loss":null}]}')
    put('checkpoint-config', 'edge-wrong-format.json', '{"format":"other"}')

    with open(os.path.join(run, 'model.safetensors'), 'rb') as f:
        put('safetensors', 'music-mv.safetensors', f.read())
    with open(os.path.join(written, 'model.safetensors'), 'rb') as f:
        put('safetensors', 'write-formats.safetensors', f.read())
    put('safetensors', 'edge-empty-header.safetensors', struct.pack('<Q', 8) + b'{}      ')
    header = b'{"__metadata__":{"k":"v"},"t":{"dtype":"I32","shape":[],"data_offsets":[0,4]}}'
    put('safetensors', 'edge-scalar.safetensors',
        struct.pack('<Q', len(header)) + header + struct.pack('<i', -5))


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__ or 'usage: make-corpus.py BUILD_DIR [SHARED_DATA]')
    build = os.path.abspath(sys.argv[1])
    data = sys.argv[2] if len(sys.argv) == 3 else os.path.join(HERE, '..', '..', 'shared', 'data')
    shutil.rmtree(CORPUS, ignore_errors=True)
    npy_seeds(data)
    csv_seeds(data)
    crowd_table_seeds(data)
    text_seeds(data)
    manifest_seeds()
    with tempfile.TemporaryDirectory() as tmp:
        checkpoint_seeds(build, data, tmp)


if __name__ == '__main__':
    main()
