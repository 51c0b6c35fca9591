#!/usr/bin/env python3
# Writes the seed corpus of fuzz_router, fuzz_transfers and fuzz_inboxpage (tests/fuzz/corpus/), with protobuf
# payloads encoded by hand (field numbers from protocol/parley.proto): run from the source root after a change
# to the requests these seeds make. The other targets' seeds were written by hand.
import os, hashlib, base64
def varint(n):
    out=b''
    while True:
        b=n&0x7f; n>>=7
        if n: out+=bytes([b|0x80])
        else: return out+bytes([b])
def f_str(num, s):
    s=s.encode() if isinstance(s,str) else s
    return varint(num<<3|2)+varint(len(s))+s
def f_int(num, n): return varint(num<<3|0)+varint(n)
def seed(sub, who, payload): return bytes([sub, who])+payload
A,B=1,2
text=f_str(2, f_int(1,1)+f_str(2,"hello")) # content: type 1 text
uuid=bytes(range(16))
seeds={
 'ms-private.bin': seed(9,A, text+f_int(9,0)+f_str(10,"@b")+f_str(13,uuid)),
 'ms-group.bin': seed(9,A, text+f_int(9,1)+f_str(10,"@g")+f_str(13,bytes(range(1,17)))),
 'far.bin': seed(4,A, f_str(1,"@b")+f_str(2,"hi")),
 'fhr.bin': seed(7,B, f_str(1,"@a")+f_int(2,1)),
 'gc.bin': seed(14,A, f_str(1,"team")+f_str(2,"@b")),
 'gam.bin': seed(17,A, f_str(1,"@g")+f_str(2,"@b")),
 'us.bin': seed(1,A, f_str(1,"+8613000000002")),
 'mp.bin': seed(11,B, f_int(1,0)),
 'mr.bin': seed(12,A, f_int(1,1)),
 'lrm.bin': seed(13,B, f_int(1,0)+f_str(2,"@a")+f_int(4,20)),
 'mdr.bin': seed(35,B, f_str(1, f_int(1,0)+f_str(2,"@a")+f_int(3,1))+f_int(2,1)),
 'mrd.bin': seed(36,B, f_str(1, f_int(1,0)+f_str(2,"@a")+f_int(3,1))),
 'mmi.bin': seed(3,A, f_str(1,"x")),
 'gqnut.bin': seed(21,A, f_int(1,1000)+f_str(2,hashlib.sha256(b'x'*1000).digest())+f_str(3,"image/png")+f_str(4,"a.png")),
 'rvc-stranger.bin': seed(32,0, f_str(1,"+8613000000003")),
 'lgn-stranger.bin': seed(33,0, f_str(1,"+8613000000003")+f_str(2,"123456")+f_str(3,"d")),
 'dvl.bin': seed(37,A, b''),
}
d='tests/fuzz/corpus/fuzz_router'
for k,v in seeds.items(): open(os.path.join(d,k),'wb').write(v)
d='tests/fuzz/corpus/fuzz_transfers'
sha=base64.b64encode(hashlib.sha256(b'u'*4096).digest()).decode()
t={
 'options.txt': "OPTIONS /files HTTP/1.1\r\nHost: h\r\nTus-Resumable: 1.0.0\r\n\r\n",
 'create.txt': "POST /files HTTP/1.1\r\nHost: h\r\nTus-Resumable: 1.0.0\r\nAuthorization: Bearer @up\r\nUpload-Length: 4096\r\nUpload-Metadata: sha256 %s,filetype dGV4dC9wbGFpbg==,filename dS50eHQ=\r\nContent-Length: 0\r\n\r\n" % sha,
 'head.txt': "HEAD /files/uploads/@id HTTP/1.1\r\nHost: h\r\nTus-Resumable: 1.0.0\r\nAuthorization: Bearer @up\r\n\r\n",
 'patch.txt': "PATCH /files/uploads/@id HTTP/1.1\r\nHost: h\r\nTus-Resumable: 1.0.0\r\nAuthorization: Bearer @up\r\nUpload-Offset: 0\r\nContent-Type: application/offset+octet-stream\r\nUpload-Checksum: sha256 %s\r\nContent-Length: 16\r\n\r\nuuuuuuuuuuuuuuuu" % base64.b64encode(hashlib.sha256(b'u'*16).digest()).decode(),
 'delete.txt': "DELETE /files/uploads/@id HTTP/1.1\r\nHost: h\r\nTus-Resumable: 1.0.0\r\nAuthorization: Bearer @up\r\n\r\n",
 'get.txt': "GET /files/@file HTTP/1.1\r\nHost: h\r\nAuthorization: Bearer @down\r\n\r\n",
 'get-range.txt': "GET /files/@file HTTP/1.1\r\nHost: h\r\nAuthorization: Bearer @down\r\nRange: bytes=10-20\r\n\r\n",
 'get-suffix.txt': "GET /files/@file HTTP/1.1\r\nHost: h\r\nAuthorization: Bearer @down\r\nRange: bytes=-5\r\n\r\n",
 'head-file-keepalive.txt': "HEAD /files/@file HTTP/1.1\r\nHost: h\r\nAuthorization: Bearer @down\r\n\r\nGET /files/@file HTTP/1.1\r\nHost: h\r\nAuthorization: Bearer @down\r\nConnection: close\r\n\r\n",
}
for k,v in t.items(): open(os.path.join(d,k),'wb').write(v.encode())
def text(t): return f_str(2, f_int(1,1)+f_str(2,t))
def msg(frm, target, seq, uid, ctype=0, t="hello"):
    return f_str(1,frm)+text(t)+f_int(6,uid)+f_int(7,1700000000000+seq)+f_int(9,ctype)+f_str(10,target)+f_int(12,seq)+f_str(13,bytes([seq])*16)
def item(seq, kind, body): return f_int(1,seq)+f_str(kind, body)
d='tests/fuzz/corpus/fuzz_inboxpage'
pushed = item(1, 2, msg("peer","me",1,1001))
open(os.path.join(d,'push-message.bin'),'wb').write(b'\x00'+pushed)
page = b''.join(f_str(1, item(i, 2, msg("peer","me",i,1000+i, t="message %d" % i))) for i in range(1,6))
page += f_str(1, item(6, 2, msg("me","peer",6,1006, t="mine")))
page += f_str(1, item(7, 2, msg("peer","g1",1,2001, ctype=1, t="group")))
page += f_str(1, item(8, 4, f_int(1,0)+f_str(2,"peer")+f_str(3,"peer")+f_int(4,1002)+f_int(5,2)))
open(os.path.join(d,'page.bin'),'wb').write(b'\x01'+page+f_int(2,8))
