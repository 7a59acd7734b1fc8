// A dcmjs-dimse SCP for generate-dcmjs.sh. Usage: node scp.js PORT
// An association whose called AE title is REJECT_CALLING gets an A-ASSOCIATE-RJ with result 1,
// source 1, reason 3 (calling-AE-title-not-recognized). Any other association is accepted.
// C-ECHO, N-ACTION, N-CREATE and N-SET get Success. The storage commitment N-EVENT-REPORT follows
// each N-ACTION-RSP 200 ms later, on the same association.
const dimse = require('dcmjs-dimse');

const { Dataset, Server, Scp } = dimse;
const { requests, responses, constants } = dimse;
const port = Number(process.argv[2]);

function log(...values) {
  console.log(new Date().toISOString(), ...values);
}

class SampleScp extends Scp {
  associationRequested(association) {
    this.association = association;
    log('association', association.getCallingAeTitle(), '->', association.getCalledAeTitle());
    if (association.getCalledAeTitle() === 'REJECT_CALLING') {
      this.sendAssociationReject(constants.RejectResult.Permanent, constants.RejectSource.ServiceUser,
        constants.RejectReason.CallingAeNotRecognized);
      return;
    }
    for (const { id } of association.getPresentationContexts()) {
      const context = association.getPresentationContext(id);
      const syntaxes = context.getTransferSyntaxUids();
      const chosen = syntaxes.find((uid) => uid === constants.TransferSyntax.ExplicitVRLittleEndian)
        || syntaxes.find((uid) => uid === constants.TransferSyntax.ImplicitVRLittleEndian);
      if (chosen) {
        context.setResult(constants.PresentationContextResult.Accept, chosen);
      } else {
        context.setResult(constants.PresentationContextResult.RejectTransferSyntaxesNotSupported);
      }
    }
    this.sendAssociationAccept();
  }

  cEchoRequest(request, callback) {
    const response = responses.CEchoResponse.fromRequest(request);
    response.setStatus(constants.Status.Success);
    callback(response);
  }

  nActionRequest(request, callback) {
    const response = responses.NActionResponse.fromRequest(request);
    response.setStatus(constants.Status.Success);
    callback(response);
    setTimeout(() => {
      const report = new requests.NEventReportRequest(request.getRequestedSopClassUid(),
        request.getRequestedSopInstanceUid(), 1);
      report.setDataset(new Dataset({ TransactionUID: request.getDataset().getElement('TransactionUID') }));
      report.on('response', (reply) => log('N-EVENT-REPORT-RSP status', reply.getStatus()));
      this.sendRequests(report);
    }, 200);
  }

  nCreateRequest(request, callback) {
    const response = responses.NCreateResponse.fromRequest(request);
    response.setStatus(constants.Status.Success);
    callback(response);
  }

  nSetRequest(request, callback) {
    const response = responses.NSetResponse.fromRequest(request);
    response.setStatus(constants.Status.Success);
    callback(response);
  }

  associationReleaseRequested() {
    this.sendAssociationReleaseResponse();
  }
}

const server = new Server(SampleScp);
server.on('networkError', (error) => log('network error', error.message));
server.listen(port);
log('listening on', port);
