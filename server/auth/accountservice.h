#pragma once

#include "server/auth/accountdeletion.h"

namespace parley::server {

class CodeBook;
class RequestRouter;

// The account as a whole, asked for by its user: deleting it (DLA) with a code just sent to the account's number
// (RVC after CONNECT), so that a device left logged in is not enough to delete anyone. The rule runs on the
// storage thread; the deletion itself is AccountDeletion's, shared with `parleyd admin delete`.
class AccountService {
public:
    AccountService(const CodeBook &codes, AccountDeletion deletion) : m_codes(codes), m_deletion(deletion) {}

    const AccountDeletion &deletion() const { return m_deletion; }
    void addRoutes(RequestRouter &router);

private:
    const CodeBook &m_codes;
    AccountDeletion m_deletion;
};

} // namespace parley::server
