// One dcmjs-dimse association for generate-dcmjs.sh.
// Usage: node scu.js SCENARIO HOST PORT CALLING_AE CALLED_AE [FILE]
//   store-abort  C-STORE of FILE, then an A-ABORT 300 ms after the association is accepted,
//                while the SCP still processes the request.
//   find-cancel  Study Root C-FIND, and a C-CANCEL after the first pending response.
//   commitment   Storage commitment N-ACTION; responds to the SCP's N-EVENT-REPORT.
//   mpps         MPPS N-CREATE and N-SET.
// Exit status 0 when the association ended as the scenario expects.
const dimse = require('dcmjs-dimse');

const { Client, Dataset } = dimse;
const { requests, responses, constants } = dimse;
const [scenario, host, port, callingAeTitle, calledAeTitle, file] = process.argv.slice(2);
const client = new Client();
// associationLingerTimeout: milliseconds between the last response and the A-RELEASE-RQ.
const options = { associationLingerTimeout: 50, connectTimeout: 5000, associationTimeout: 10000, pduTimeout: 10000 };
const STORAGE_COMMITMENT_PUSH = '1.2.840.10008.1.20.1';
const STORAGE_COMMITMENT_PUSH_INSTANCE = '1.2.840.10008.1.20.1.1';
const MPPS = '1.2.840.10008.3.1.2.3.3';
let ended = null;

function log(...values) {
  console.log(new Date().toISOString(), scenario, ...values);
}

function addRequest(request, name) {
  request.on('response', (response) => log(name, 'status', response.getStatus().toString(16)));
  client.addRequest(request);
  return request;
}

switch (scenario) {
  case 'store-abort':
    addRequest(new requests.CStoreRequest(file), 'C-STORE');
    client.on('associationAccepted', () => {
      setTimeout(() => {
        log('sending A-ABORT');
        ended = 'aborted';
        client.abort();
      }, 300);
    });
    options.associationLingerTimeout = 5000;
    break;
  case 'find-cancel': {
    const find = requests.CFindRequest.createStudyFindRequest({ PatientID: '', StudyInstanceUID: '' });
    let cancelled = false;
    find.on('response', (response) => {
      log('C-FIND', 'status', response.getStatus().toString(16));
      if (!cancelled && response.getStatus() === constants.Status.Pending) {
        cancelled = true;
        client.cancel(find);
        log('C-CANCEL sent');
      }
    });
    client.addRequest(find);
    break;
  }
  case 'commitment': {
    const action = new requests.NActionRequest(STORAGE_COMMITMENT_PUSH, STORAGE_COMMITMENT_PUSH_INSTANCE, 1);
    action.setDataset(new Dataset({
      TransactionUID: '2.25.4242000001',
      ReferencedSOPSequence: [{ ReferencedSOPClassUID: '1.2.840.10008.5.1.4.1.1.2', ReferencedSOPInstanceUID: '2.25.4242000002' }],
    }));
    addRequest(action, 'N-ACTION');
    client.on('nEventReportRequest', (request, callback) => {
      log('N-EVENT-REPORT received');
      const response = responses.NEventReportResponse.fromRequest(request);
      response.setStatus(constants.Status.Success);
      callback(response);
    });
    // The SCP sends its N-EVENT-REPORT 200 ms after the N-ACTION-RSP.
    options.associationLingerTimeout = 1500;
    break;
  }
  case 'mpps': {
    const instance = '2.25.4242000003';
    const create = new requests.NCreateRequest(MPPS, instance);
    create.setDataset(new Dataset({ PerformedProcedureStepStatus: 'IN PROGRESS', PatientName: 'DWSENT^MPPS' }));
    addRequest(create, 'N-CREATE');
    const set = new requests.NSetRequest(MPPS, instance);
    set.setDataset(new Dataset({ PerformedProcedureStepStatus: 'COMPLETED' }));
    addRequest(set, 'N-SET');
    break;
  }
  default:
    console.error(`unknown scenario ${scenario}`);
    process.exit(2);
}

client.on('associationAccepted', () => log('accepted'));
client.on('associationRejected', (reject) => log('rejected', JSON.stringify(reject)));
client.on('associationReleased', () => {
  log('released');
  ended = ended || 'released';
});
client.on('networkError', (error) => log('network error', error.message));
client.on('closed', () => {
  log('closed');
  const expected = scenario === 'store-abort' ? 'aborted' : 'released';
  process.exitCode = ended === expected ? 0 : 1;
});
client.send(host, Number(port), callingAeTitle, calledAeTitle, options);
